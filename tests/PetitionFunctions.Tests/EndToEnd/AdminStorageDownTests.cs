using System.Net;
using System.Net.Http.Json;
using PetitionFunctions.Access;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>
/// Storage out of reach under an admin function is the gate's 503 (Retry-After, problem+json, no-store) on
/// both runtimes: on the real host through the worker middleware, on the stand-in through the same gate.
/// </summary>
public abstract class AdminStorageDownTests<TFixture> where TFixture : AppFixture, new()
{
    [EndToEndFact]
    public async Task With_storage_stopped_admin_functions_answer_503_not_500()
    {
        var fixture = new TFixture();
        await fixture.InitializeAsync();
        try
        {
            var campaign = await fixture.NewCampaignAsync();
            await fixture.Azurite.StopAsync();
            using var admin = fixture.AdminClient(AdminRoles.Admin);

            var answers = new[]
            {
                await admin.GetAsync("manage/campaigns"),
                await admin.GetAsync($"manage/campaigns/{campaign.Slug}/signatures"),
                await admin.PutAsJsonAsync("manage/intake", new { paused = false }),
            };

            Assert.All(answers, answer =>
            {
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{answer.RequestMessage?.RequestUri} on {fixture.Runtime}: {(int)answer.StatusCode}");
                Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                Assert.True(answer.Headers.CacheControl?.NoStore);
            });
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}

public sealed class AdminStorageDownOnRealHost : AdminStorageDownTests<RealHostFixture>;

public sealed class AdminStorageDownOnStandIn : AdminStorageDownTests<StandInFixture>;
