using System.Net;
using System.Net.Http.Json;
using PetitionFunctions.Admin;

namespace PetitionFunctions.Tests.Integration;

/// <summary>The endorsement admin answers carry the signers' decrypted details: like every admin answer, no cache may keep them.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class EndorsementAdminAnswersTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Endorsement_admin_answers_holding_signers_details_are_never_cached()
    {
        var letter = await fixture.NewLetterAsync();
        var url = $"campaigns/{letter.Slug}/endorsements";
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Endorse.Organization("Casa Norte", "https://casanorte.example", "ana@casanorte.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Endorse.Organization("Casa Norte", "https://casanorte.example", "luis@casanorte.example"))).StatusCode);
        var key = Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements()).RowKey;
        var admin = fixture.AdminClient(AdminRoles.Admin);
        Uri Manage(string path) => new(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements{path}");

        var list = await admin.GetAsync(Manage(""));
        var single = await admin.PostAsJsonAsync(Manage($"/{key}/moderation"), new { state = "approved" });
        var bulk = await admin.PostAsJsonAsync(Manage("/moderation"), new { keys = new[] { key }, state = "pending" });
        var change = await admin.PostAsJsonAsync(Manage($"/{key}/change"), new { decision = "apply" });

        Assert.Contains("ana@casanorte.example", await list.Content.ReadAsStringAsync());
        Assert.Contains("luis@casanorte.example", await change.Content.ReadAsStringAsync());
        foreach (var answer in new[] { list, single, bulk, change })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("no-store", answer.Headers.CacheControl?.ToString());
        }
    }
}
