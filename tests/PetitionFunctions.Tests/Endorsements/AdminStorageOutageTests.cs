using System.Net;
using System.Net.Http.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Endorsements;

/// <summary>With storage gone, the endorsements admin answers 503 with Retry-After and problem+json, as the stories admin does: never a 500.</summary>
public sealed class AdminStorageOutageTests
{
    [Fact]
    public async Task With_storage_stopped_the_endorsements_admin_answers_503()
    {
        var fixture = new LocalHostFixture();
        await fixture.InitializeAsync();
        try
        {
            var letter = await fixture.NewLetterAsync();
            await fixture.Azurite.StopAsync();
            var admin = fixture.AdminClient(AdminRoles.Admin);
            Uri Manage(string path) => new(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements{path}");
            var key = "org-" + new string('a', 64);

            var answers = new[]
            {
                await admin.GetAsync(Manage("")),
                await admin.PostAsJsonAsync(Manage("/moderation"), new { keys = new[] { key }, state = "approved" }),
                await admin.PostAsJsonAsync(Manage($"/{key}/moderation"), new { state = "approved" }),
                await admin.PostAsJsonAsync(Manage($"/{key}/change"), new { decision = "apply" }),
            };

            Assert.All(answers, answer =>
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
                Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            });
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
