using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Admin;

/// <summary>POST /api/manage/erasures: one person erased from a petition, a letter and a story campaign, found by their address's HMAC only.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class ErasureTests(LocalHostFixture fixture)
{
    private const string Address = "Erase.Me+petitions@gmail.com";

    [Fact]
    public async Task Erasing_a_person_by_email_removes_them_from_every_campaign_lowers_the_count_and_leaves_others_alone()
    {
        var petition = await fixture.NewCampaignAsync();
        var letter = await fixture.NewLetterAsync(c => c with { AllowsIndividualEndorsements = true });
        var stories = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Stories });
        await fixture.Http.PostAsync($"campaigns/{petition.Slug}/signatures", Requests.Osdi("Esperanza", "Quiroga", Address));
        await fixture.Http.PostAsync($"campaigns/{petition.Slug}/signatures", Requests.Osdi("Bao", "Nguyen", "bao@example.org"));
        await fixture.ConfirmAllAsync(petition.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements", Endorse.Individual("Esperanza Quiroga", Address))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Organization("Make the Road", "https://maketheroad.example", "ed@maketheroad.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story(Address))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync($"campaigns/{stories.Slug}/stories", Story("+1 718 555 0134"))).StatusCode);
        Assert.Equal(2, await CountAsync(petition.Slug));

        // Another spelling of the same gmail address finds the same person.
        var answer = await fixture.AdminClient(AdminRoles.Admin).PostAsync("manage/erasures", JsonContent.Create(new { email = "ERASEME@googlemail.com" }));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("no-store", answer.Headers.CacheControl!.ToString());
        var summary = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, summary.GetProperty("signatures").GetInt32());
        Assert.Equal(1, summary.GetProperty("counted_signatures").GetInt32());
        Assert.Equal(1, summary.GetProperty("endorsements").GetInt32());
        Assert.Equal(1, summary.GetProperty("stories").GetInt32());
        Assert.Equal(0, summary.GetProperty("organization_signers").GetInt32());
        Assert.True(summary.GetProperty("campaigns_checked").GetInt32() >= 3);

        var key = fixture.Service<DedupeKeys>().For(EmailAddresses.Canonical(Address));
        var signatureRows = await fixture.SignatureRowsAsync(petition.Slug);
        Assert.DoesNotContain(signatureRows, r => r.RowKey.Contains(key, StringComparison.Ordinal));
        var erased = Assert.Single(signatureRows, r => r.GetString("State") == nameof(SignatureState.Withdrawn));
        Assert.Equal(nameof(SignatureState.Withdrawn), erased.GetString("State"));
        Assert.Equal("Erasure", erased.GetString("WithdrawnBy"));
        Assert.False(erased.ContainsKey("Personal"));
        Assert.DoesNotContain(signatureRows, r => r.RowKey == "outbox-" + key);
        Assert.Single(signatureRows, r => !r.RowKey.Contains('-') && r.GetString("State") == nameof(SignatureState.Confirmed));
        var endorsementRows = await fixture.EndorsementRowsAsync(letter.Slug);
        Assert.DoesNotContain(endorsementRows, r => r.RowKey.Contains(key));
        Assert.Single(endorsementRows.Endorsements());
        var storyRows = await StoryRowsAsync(stories.Slug);
        Assert.Single(storyRows, r => r.RowKey.Length == 32);
        Assert.DoesNotContain(storyRows, r => r.GetString("ContactKey") == fixture.Service<DedupeKeys>().ForStoryWriter(key));

        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync(petition.Slug));

        var again = JsonDocument.Parse(await (await fixture.AdminClient(AdminRoles.Admin)
            .PostAsync("manage/erasures", JsonContent.Create(new { email = Address }))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal((0, 0, 0), (again.GetProperty("signatures").GetInt32(), again.GetProperty("endorsements").GetInt32(), again.GetProperty("stories").GetInt32()));
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"erased person {LogRefs.Of(key)}"));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(key[..8], StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("eraseme", StringComparison.OrdinalIgnoreCase)
                                                       || l.Contains("erase.me", StringComparison.OrdinalIgnoreCase) || l.Contains("Quiroga"));
    }

    public static TheoryData<string, Func<HttpContent>, HttpStatusCode, string?> BadRequests => new()
    {
        { "no email", () => JsonContent.Create(new { }), HttpStatusCode.BadRequest, "email" },
        { "no phone either", () => JsonContent.Create(new { email = "" }), HttpStatusCode.BadRequest, "phone" },
        { "not a phone number", () => JsonContent.Create(new { phone = "call me" }), HttpStatusCode.BadRequest, "phone" },
        { "a good address and a bad phone number", () => JsonContent.Create(new { email = Address, phone = "555-01" }), HttpStatusCode.BadRequest, "phone" },
        { "a phone number as a number", () => Requests.Raw("{\"phone\": 7185550134}", "application/json"), HttpStatusCode.BadRequest, "phone" },
        { "not an address", () => JsonContent.Create(new { email = "not-an-address" }), HttpStatusCode.BadRequest, "email" },
        { "a number", () => Requests.Raw("{\"email\": 42}", "application/json"), HttpStatusCode.BadRequest, "email" },
        { "not JSON", () => Requests.Raw("{\"email\":", "application/json"), HttpStatusCode.BadRequest, "body" },
        { "a form", () => Requests.Form(("email", "a@example.org")), HttpStatusCode.UnsupportedMediaType, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_erasure_request_gets_a_problem_and_erases_nothing(string name, Func<HttpContent> body, HttpStatusCode status, string? field)
    {
        var answer = await fixture.AdminClient(AdminRoles.Admin).PostAsync("manage/erasures", body());

        Assert.True(status == answer.StatusCode, name);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType!.MediaType);
        if (field is not null)
            Assert.True(JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").TryGetProperty(field, out _), name);
    }

    [Fact]
    public async Task Only_the_admin_role_may_erase()
    {
        var anonymous = await new HttpClient { BaseAddress = fixture.Http.BaseAddress }.PostAsync("manage/erasures", JsonContent.Create(new { email = Address }));
        var stories = await fixture.AdminClient(AdminRoles.Stories, AdminRoles.Deliver).PostAsync("manage/erasures", JsonContent.Create(new { email = Address }));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stories.StatusCode);
    }

    private static HttpContent Story(string contact) => JsonContent.Create(new
    {
        story = "We waited four hours at the clinic.",
        language = "en",
        contact,
        consent = "internal",
        may_contact = true,
    });

    private async Task<int> CountAsync(string slug) =>
        (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))?.Summary.Count ?? 0;

    private async Task<List<TableEntity>> StoryRowsAsync(string slug)
    {
        var table = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.StoriesTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {slug}"))) rows.Add(row);
        return rows;
    }
}
