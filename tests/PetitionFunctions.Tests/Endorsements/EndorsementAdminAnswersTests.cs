using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Endorsements;

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

    [Fact]
    public async Task Applying_a_change_from_a_signer_who_never_confirmed_does_not_make_the_endorsement_domain_verified()
    {
        var letter = await fixture.NewLetterAsync();
        var url = $"campaigns/{letter.Slug}/endorsements";
        // The first signer confirms from a free-mail address: confirmed, not domain-verified.
        await fixture.Http.PostAsync(url, Endorse.Organization("Casa Sur", "https://casasur.example", $"ana-{Guid.NewGuid():n}@gmail.com"));
        var row = Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
        var table = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.EndorsementsTable);
        await table.UpdateEntityAsync(new TableEntity(letter.Slug, row.RowKey) { ["State"] = "Confirmed", ["ConfirmedAt"] = DateTimeOffset.UtcNow },
            Azure.ETag.All, TableUpdateMode.Merge);
        // Anyone may send a repeat naming another signer at the organisation's domain; no email goes to that address.
        await fixture.Http.PostAsync(url, Endorse.Organization("Casa Sur", "https://casasur.example", "director@casasur.example", signerName: "Somebody Else"));

        var applied = await fixture.AdminClient(AdminRoles.Admin).PostAsJsonAsync(
            new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements/{row.RowKey}/change"), new { decision = "apply" });

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var after = await Endorse.JsonAsync(applied);
        Assert.Equal("director@casasur.example", after.GetProperty("endorser").GetProperty("email").GetString());
        Assert.False(after.GetProperty("domain_verified").GetBoolean(), "director@casasur.example never opened a confirm link");
    }
}
