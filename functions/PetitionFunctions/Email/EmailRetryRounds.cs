namespace PetitionFunctions.Email;

/// <summary>
/// When to try again an email whose queue message used up its tries. A provider outage outlasts the
/// queue's minute of retries, so the email is parked and sent again later, waiting four times longer
/// each round (by default 15 min, 1 h, 4 h, 16 h: about a day in all), and only then given up on.
/// </summary>
public sealed class EmailRetryRounds(int rounds, TimeSpan firstDelay)
{
    public const int DefaultRounds = 4;

    /// <summary>The failure recorded once the last round failed: an outage, not a refused address, so a new request may try again.</summary>
    public const string GaveUp = "gave-up-after-retries";
    public static readonly TimeSpan DefaultFirstDelay = TimeSpan.FromMinutes(15);

    /// <summary>When to try again after the given number of failed rounds (1 for the first), or null to give up.</summary>
    public DateTimeOffset? NextTryAt(int failedRounds, DateTimeOffset now) =>
        failedRounds <= rounds ? now + firstDelay * Math.Pow(4, failedRounds - 1) : null;
}
