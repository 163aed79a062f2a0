namespace PetitionFunctions.Email;

/// <summary>What the mailbox allowance decided for one email.</summary>
public abstract record MailboxVerdict
{
    /// <summary>Send it; <paramref name="Sends"/> are the inbox's sends of the last day, this one included.</summary>
    public sealed record Send(IReadOnlyList<MailboxSend> Sends) : MailboxVerdict;

    /// <summary>The inbox had its share of the last ten minutes: send it at <paramref name="At"/>.</summary>
    public sealed record Later(DateTimeOffset At) : MailboxVerdict;

    /// <summary>The inbox had its share of the day: this email is not sent.</summary>
    public sealed record Full : MailboxVerdict;
}

/// <summary>One email an inbox got: when, and which email (a short hash of its idempotency key).</summary>
public sealed record MailboxSend(DateTimeOffset At, string Email);

/// <summary>
/// How much email one inbox gets from us, over every campaign and every kind (signatures, endorsements,
/// stories): a shared or watched inbox full of "confirm your signature" can put a signer in danger, and an
/// attacker can type anyone's address with +tags. Sliding windows, so no boundary lets a burst through;
/// an email tried again (a transient failure) uses the share it already took.
/// </summary>
public sealed record MailboxLimits(int PerTenMinutes, int PerDay)
{
    public const int DefaultPerTenMinutes = 2;
    public const int DefaultPerDay = 5;
    public static readonly TimeSpan ShortWindow = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>What the email failure is recorded as when the day's share is spent.</summary>
    public const string Failure = "mailbox-limit";

    public MailboxVerdict Judge(IEnumerable<MailboxSend> earlierSends, string email, DateTimeOffset now)
    {
        var day = earlierSends.Where(sent => sent.At > now - Day).OrderBy(sent => sent.At).ToList();
        if (day.Any(sent => sent.Email == email)) return new MailboxVerdict.Send(day);
        if (day.Count >= PerDay) return new MailboxVerdict.Full();
        var recent = day.Where(sent => sent.At > now - ShortWindow).ToList();
        if (recent.Count >= PerTenMinutes) return new MailboxVerdict.Later(recent[^PerTenMinutes].At + ShortWindow);
        return new MailboxVerdict.Send([.. day, new MailboxSend(now, email)]);
    }
}
