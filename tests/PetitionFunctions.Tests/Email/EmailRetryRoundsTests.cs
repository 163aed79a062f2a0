using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Email;

public sealed class EmailRetryRoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void By_default_a_parked_email_waits_15_minutes_then_an_hour_4_hours_and_16_hours_then_is_given_up()
    {
        var rounds = new EmailRetryRounds(EmailRetryRounds.DefaultRounds, EmailRetryRounds.DefaultFirstDelay);

        Assert.Equal(Now.AddMinutes(15), rounds.NextTryAt(1, Now));
        Assert.Equal(Now.AddHours(1), rounds.NextTryAt(2, Now));
        Assert.Equal(Now.AddHours(4), rounds.NextTryAt(3, Now));
        Assert.Equal(Now.AddHours(16), rounds.NextTryAt(4, Now));
        Assert.Null(rounds.NextTryAt(5, Now));
    }

    [Fact]
    public void No_rounds_means_giving_up_after_the_queue_s_own_tries()
    {
        Assert.Null(new EmailRetryRounds(0, TimeSpan.FromMinutes(15)).NextTryAt(1, Now));
    }
}
