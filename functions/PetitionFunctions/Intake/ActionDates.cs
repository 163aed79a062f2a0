using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

/// <summary>
/// OSDI's <c>action_date</c>: when the person signed, as the partner's system recorded it (a paper form
/// typed in later, a batch synced overnight). Honoured only when plausible; otherwise the time we received
/// the signature stands, and the signer is never refused over it.
/// </summary>
public static class ActionDates
{
    /// <summary>How far ahead of our clock a partner's clock may run.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>How old a signing time may be: a campaign's paper forms are typed in within months, not years.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(365);

    /// <summary>The signing time in UTC, or null when absent, unreadable, without an offset, in the future or too old.</summary>
    public static DateTimeOffset? Plausible(string? text, DateTimeOffset now)
    {
        if (IsoTimes.Parse(text) is not { } signedAt) return null;
        return signedAt <= now + ClockSkew && signedAt >= now - MaxAge ? signedAt : null;
    }
}
