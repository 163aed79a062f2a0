using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>
/// Erasure of an organisation's authorised signer (the organisation's endorsement stays, approved and
/// listed, without the signer) and of a story writer who gave only a phone number.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class SignerAndPhoneErasureTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Erasing_a_signer_by_email_removes_their_details_and_pending_change_but_keeps_the_organisations_approved_endorsement()
    {
        var signer = $"Rosa.Ibarra.{Guid.NewGuid():N}@casaesperanza.example";
        var letter = await fixture.NewLetterAsync();
        var url = $"campaigns/{letter.Slug}/endorsements";
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Organization("Casa Esperanza", "https://casaesperanza.example", signer, "Rosa Ibarra"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Organization("Faith in Action", "https://faithinaction.example",
            "pastor@faithinaction.example", "Tomás Reyes"))).StatusCode);
        // The same person also sent a change for another organisation: it waits for an admin.
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Organization("Faith in Action", "https://faithinaction.example",
            signer, "Rosa Ibarra"))).StatusCode);
        var keys = (await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements().ToDictionary(r => r.GetString("Name")!, r => r.RowKey);
        Assert.Equal(HttpStatusCode.OK, (await fixture.ModerateAsync(letter.Slug, "approved", keys["Casa Esperanza"])).StatusCode);
        var signerKey = fixture.Service<DedupeKeys>().For(EmailAddresses.Canonical(signer));
        Assert.Equal(signerKey, Row(await fixture.EndorsementRowsAsync(letter.Slug), keys["Casa Esperanza"]).GetString("SignerKey"));

        var summary = await EraseAsync(new { email = signer.ToUpperInvariant() });

        Assert.Equal(2, summary.GetProperty("organization_signers").GetInt32());
        Assert.Equal(0, summary.GetProperty("endorsements").GetInt32());
        var rows = await fixture.EndorsementRowsAsync(letter.Slug);
        var casa = Row(rows, keys["Casa Esperanza"]);
        Assert.All(new[] { "Personal", "SignerKey", "SignerPhoneKey" }, column => Assert.False(casa.ContainsKey(column), column));
        Assert.Equal("Approved", casa.GetString("Moderation"));
        Assert.Equal("https://casaesperanza.example/", casa.GetString("Website"));
        Assert.DoesNotContain(rows, r => r.RowKey == "outbox-" + keys["Casa Esperanza"] || r.RowKey.StartsWith("change-", StringComparison.Ordinal));
        Assert.False(Row(rows, keys["Faith in Action"]).GetBoolean("HasPendingChange"));
        Assert.Equal(2, rows.Endorsements().Count);

        var admin = await Endorse.JsonAsync(await fixture.AdminClient(AdminRoles.Admin)
            .GetAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements")));
        var listed = admin.GetProperty("endorsements").EnumerateArray().ToDictionary(e => e.GetProperty("organization").GetProperty("name").GetString()!);
        Assert.True(listed["Casa Esperanza"].GetProperty("signer_erased").GetBoolean());
        Assert.Equal("approved", listed["Casa Esperanza"].GetProperty("moderation").GetString());
        Assert.Equal(("", "", ""), Signer(listed["Casa Esperanza"].GetProperty("endorser")));
        Assert.Equal(JsonValueKind.Null, listed["Casa Esperanza"].GetProperty("endorser").GetProperty("phone").ValueKind);
        Assert.False(listed["Faith in Action"].GetProperty("signer_erased").GetBoolean());
        Assert.Equal("Tomás Reyes", listed["Faith in Action"].GetProperty("endorser").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, listed["Faith in Action"].GetProperty("pending_change").ValueKind);
        Assert.DoesNotContain("Rosa", admin.GetRawText());

        var shown = Assert.Single((await Endorse.JsonAsync(await fixture.Http.GetAsync(url))).GetProperty("endorsements").EnumerateArray());
        Assert.Equal("Casa Esperanza", shown.GetProperty("name").GetString());
        var packet = await fixture.Service<IDeliveryEndorsers>().ForDeliveryAsync(letter, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None);
        var csv = Encoding.UTF8.GetString(packet!.Csv());
        Assert.Contains("Casa Esperanza", csv);
        Assert.DoesNotContain("Rosa", csv);

        Assert.Equal(0, (await EraseAsync(new { email = signer })).GetProperty("organization_signers").GetInt32());
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"erased person {LogRefs.Of(signerKey)}") && l.Contains("2 organisation signers"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("casaesperanza.example", StringComparison.OrdinalIgnoreCase) || l.Contains("Rosa"));
    }

    [Fact]
    public async Task Erasing_by_phone_deletes_a_phone_only_story_and_removes_a_signer_who_gave_that_number()
    {
        var line = Random.Shared.Next(1000, 9999);
        var stories = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        var letter = await fixture.NewLetterAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story($"(347) 555-{line}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story($"(347) 556-{line}"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Organization("Day Laborers United", "https://daylaborers.example", "office@daylaborers.example", "Juan Pérez", phone: $"347.555.{line}"))).StatusCode);
        var keys = fixture.Service<DedupeKeys>();
        var phoneKey = keys.ForPhone($"347555{line}");
        Assert.Single(await StoryRowsAsync(stories.Slug), r => r.GetString("ContactKey") == keys.ForStoryWriter(phoneKey) && r.GetString("ContactKind") == "phone");

        var summary = await EraseAsync(new { phone = $"347-555-{line}" });

        Assert.Equal(1, summary.GetProperty("stories").GetInt32());
        Assert.Equal(1, summary.GetProperty("organization_signers").GetInt32());
        Assert.Equal(0, summary.GetProperty("signatures").GetInt32());
        var left = Assert.Single(await StoryRowsAsync(stories.Slug), r => r.RowKey.Length == 32);
        Assert.NotEqual(keys.ForStoryWriter(phoneKey), left.GetString("ContactKey"));
        var endorsement = Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
        Assert.False(endorsement.ContainsKey("Personal"));
        Assert.Equal("Day Laborers United", endorsement.GetString("Name"));

        var again = await EraseAsync(new { phone = $"347 555 {line}" });
        Assert.Equal((0, 0), (again.GetProperty("stories").GetInt32(), again.GetProperty("organization_signers").GetInt32()));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"erased person {LogRefs.Of(phoneKey)}"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains($"555-{line}") || l.Contains($"555{line}") || l.Contains($"555 {line}") || l.Contains($"555.{line}"));
    }

    [Fact]
    public async Task A_body_with_one_bad_field_erases_nothing_even_when_the_other_is_good()
    {
        var phone = $"(929) 555-{Random.Shared.Next(1000, 9999)}";
        var stories = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story(phone))).StatusCode);

        var answer = await fixture.AdminClient(AdminRoles.Admin).PostAsync("manage/erasures", JsonContent.Create(new { email = "nobody-at-all", phone }));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        var errors = (await Endorse.JsonAsync(answer)).GetProperty("errors");
        Assert.Equal(["email"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Single(await StoryRowsAsync(stories.Slug), r => r.RowKey.Length == 32);
    }

    private async Task<JsonElement> EraseAsync(object body)
    {
        var answer = await fixture.AdminClient(AdminRoles.Admin).PostAsync("manage/erasures", JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await Endorse.JsonAsync(answer);
    }

    private static TableEntity Row(List<TableEntity> rows, string key) => rows.Single(r => r.RowKey == key);

    private static (string?, string?, string?) Signer(JsonElement endorser) =>
        (endorser.GetProperty("name").GetString(), endorser.GetProperty("title").GetString(), endorser.GetProperty("email").GetString());

    private static HttpContent Organization(string name, string website, string email, string signerName, string phone = "+1 212 555 0100") =>
        JsonContent.Create(new
        {
            organization = new { name, website, scope = "local", locality = "Queens", region = "NY" },
            signer = new { name = signerName, title = "Director", email, phone },
            list_publicly = true,
        });

    private static HttpContent Story(string contact) => JsonContent.Create(new
    {
        story = "They took my cousin at the bus stop.",
        language = "en",
        contact,
        consent = "target_only",
        may_contact = true,
    });

    private async Task<List<TableEntity>> StoryRowsAsync(string slug)
    {
        var table = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"))) rows.Add(row);
        return rows;
    }
}
