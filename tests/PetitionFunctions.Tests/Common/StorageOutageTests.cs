using System.Net;
using System.Text.Json;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Common;

/// <summary>With storage gone, a sign-on and the public reads are refused with 503, Retry-After and problem+json: never a 500, never a hang.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task With_storage_stopped_a_signature_gets_503_with_retry_after()
    {
        var fixture = new LocalHostFixture();
        await fixture.InitializeAsync();
        try
        {
            var campaign = await fixture.NewCampaignAsync();
            await fixture.Azurite.StopAsync();

            var started = DateTime.UtcNow;
            var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Equal(503, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetInt32());
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "The answer took too long.");

            var health = await fixture.Http.GetAsync("health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

            // Public reads with nothing cached yet: 503 with Retry-After, readable from any origin, never a 500.
            foreach (var read in new[] { "count", "endorsements", "stories" })
            {
                var answer503 = await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/{read}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answer503.StatusCode);
                Assert.True(answer503.Headers.RetryAfter?.Delta > TimeSpan.Zero, read);
                Assert.Equal("application/problem+json", answer503.Content.Headers.ContentType?.MediaType);
                Assert.Equal("*", answer503.Headers.GetValues("Access-Control-Allow-Origin").Single());
            }
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
