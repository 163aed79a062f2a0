using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// The roll-up on its own timer (every minute, at second 0), as production counts: on the real host through
/// the Timer extension, whose singleton lease lives in blob storage. Its own fixture, with the timer on.
/// </summary>
public abstract class TimerTests<TFixture> where TFixture : AppFixture, new()
{
    [EndToEndFact]
    public async Task The_roll_up_timer_counts_a_confirmed_signature_without_anyone_asking()
    {
        var app = new TFixture
        {
            Overrides = new Dictionary<string, string?>
            {
                ["AzureWebJobs.RollUpCounts.Disabled"] = "false",
                // A short lag window, as production has a long one: a confirmation still being written when the
                // timer fires is left to the next run rather than skipped.
                ["Counting:LagWindow"] = "00:00:02",
            },
        };
        await app.InitializeAsync();
        try
        {
            var campaign = await app.NewCampaignAsync();
            var email = $"ines.{Guid.NewGuid():n}@example.org";
            Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Inés", "Mora", email))).StatusCode);
            var confirmation = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, email, 1));
            Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(confirmation).FollowAsync(app.Http)).StatusCode);

            await Eventually.True(async () =>
                (await app.Http.GetFromJsonAsync<JsonElement>($"campaigns/{campaign.Slug}/count")).GetProperty("count").GetInt32() == 1, seconds: 150);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}

public sealed class TimerOnRealHost : TimerTests<RealHostFixture>;

public sealed class TimerOnStandIn : TimerTests<StandInFixture>;
