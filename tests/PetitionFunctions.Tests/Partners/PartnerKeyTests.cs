using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Partners;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Partners;

/// <summary>Partner keys over real HTTP on the stand-in host and Azurite: issued by admins, used by partners' servers.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class PartnerKeyTests(LocalHostFixture fixture)
{
    private async Task<(string Id, string Key)> IssueAsync(string slug, string partner, params string[] scopes)
    {
        using var admin = fixture.AdminClient(AdminRoles.Admin);
        var answer = await admin.PostAsJsonAsync($"manage/campaigns/{slug}/partner-keys", new { partner, scopes });
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        var issued = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        return (issued.GetProperty("id").GetString()!, issued.GetProperty("key").GetString()!);
    }

    private Task<HttpResponseMessage> SignAsync(string slug, string? key, string email, string source = "whatever-the-body-says")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{slug}/signatures")
        {
            Content = Requests.Osdi("Rosa", "Partner", email, source: source),
        };
        if (key is not null) request.Headers.Add(PartnerTokens.Header, key);
        return fixture.Http.SendAsync(request);
    }

    private Task<HttpResponseMessage> ListAsync(string slug, string key, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"campaigns/{slug}/signatures{query}");
        request.Headers.Add(PartnerTokens.Header, key);
        return fixture.Http.SendAsync(request);
    }

    [Fact]
    public async Task An_issued_key_is_shown_once_stored_only_hashed_listed_without_it_and_revoked_at_once()
    {
        var campaign = await fixture.NewCampaignAsync();
        var (id, key) = await IssueAsync(campaign.Slug, "NDLON", "read");
        using var admin = fixture.AdminClient(AdminRoles.Admin);

        var listed = await admin.GetStringAsync($"manage/campaigns/{campaign.Slug}/partner-keys");
        var row = await fixture.Service<Azure.Data.Tables.TableServiceClient>().GetTableClient(StorageNames.PartnerKeysTable)
            .GetEntityAsync<Azure.Data.Tables.TableEntity>(campaign.Slug, id);

        Assert.StartsWith($"pf_{id}_", key, StringComparison.Ordinal);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.Contains("\"ndlon\"", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^43..], string.Join(",", row.Value.Select(column => column.Value)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ListAsync(campaign.Slug, key)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"manage/campaigns/{campaign.Slug}/partner-keys/{id}")).StatusCode);
        var revoked = await ListAsync(campaign.Slug, key);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"manage/campaigns/{campaign.Slug}/partner-keys/000000000000")).StatusCode);
        Assert.Contains(fixture.Logs.Lines, line => line.Contains($"Partner key {id} (ndlon) used to Read on {campaign.Slug}", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(key[^43..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keys_open_only_their_scope_on_their_campaign_and_never_the_admin_api()
    {
        var campaign = await fixture.NewCampaignAsync();
        var other = await fixture.NewCampaignAsync();
        var (_, reader) = await IssueAsync(campaign.Slug, "ndlon", "read");
        var (_, signer) = await IssueAsync(campaign.Slug, "ndlon", "sign");

        Assert.Equal(HttpStatusCode.Forbidden, (await SignAsync(campaign.Slug, reader, "scope.read@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ListAsync(campaign.Slug, signer)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ListAsync(other.Slug, reader)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ListAsync(campaign.Slug, reader[..^1] + (reader[^1] == 'A' ? 'B' : 'A'))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.GetAsync($"campaigns/{campaign.Slug}/signatures")).StatusCode);
        var admin = new HttpRequestMessage(HttpMethod.Get, $"manage/campaigns/{campaign.Slug}/signatures");
        admin.Headers.Add(PartnerTokens.Header, reader);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.SendAsync(admin)).StatusCode);
        Assert.Empty(await fixture.SignatureRowsAsync(campaign.Slug));
    }

    [Fact]
    public async Task A_sign_key_counts_the_signature_under_the_partner_s_source_whatever_the_body_says()
    {
        var campaign = await fixture.NewCampaignAsync();
        var (_, signer) = await IssueAsync(campaign.Slug, "CHIRLA", "sign");

        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, signer, "via.partner@example.org", source: "facebook")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, null, "direct@example.org", source: "facebook")).StatusCode);

        var sources = (await fixture.SignatureRowsAsync(campaign.Slug)).Where(row => PetitionFunctions.Signatures.DedupeKeys.IsSignatureKey(row.RowKey))
            .Select(row => row.GetString("Source")).Order();
        Assert.Equal(["chirla", "facebook"], sources);
    }

    [Fact]
    public async Task A_python_client_using_only_the_standard_library_pages_its_own_confirmed_signers_with_an_OSDI_filter()
    {
        var campaign = await fixture.NewCampaignAsync();
        var (_, ndlon) = await IssueAsync(campaign.Slug, "ndlon", "sign", "read");
        var (_, chirla) = await IssueAsync(campaign.Slug, "chirla", "sign");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, ndlon, $"ndlon.{i}@example.org")).StatusCode);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, chirla, $"chirla.{i}@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SignAsync(campaign.Slug, ndlon, "ndlon.unconfirmed@example.org")).StatusCode);
        foreach (var row in (await fixture.SignatureRowsAsync(campaign.Slug)).Where(row => PetitionFunctions.Signatures.DedupeKeys.IsSignatureKey(row.RowKey)))
        {
            var details = PetitionFunctions.Signatures.PersonalDetails.Unprotect(fixture.Service<PersonalDataCipher>(), campaign.Slug, row.RowKey, row.GetString("Personal"));
            if (details.Email != "ndlon.unconfirmed@example.org")
                await fixture.Service<PetitionFunctions.Signatures.SignatureTable>().ConfirmAsync(campaign.Slug, row.RowKey, DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var lines = await RunPythonAsync(fixture.Http.BaseAddress!.GetLeftPart(UriPartial.Authority), campaign.Slug, ndlon,
            $"modified_date gt '{before:yyyy-MM-dd'T'HH:mm:ss'Z'}'");

        Assert.Equal("total 5", lines[^1]);
        var emails = lines[..^1].Select(line => line.Split('\t')[1]).Order();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"ndlon.{i}@example.org"), emails);
        Assert.All(lines[..^1], line => Assert.Equal("ndlon", line.Split('\t')[2]));
        Assert.Equal(["total 0"], await RunPythonAsync(fixture.Http.BaseAddress!.GetLeftPart(UriPartial.Authority), campaign.Slug, ndlon,
            $"modified_date gt '{DateTimeOffset.UtcNow.AddMinutes(1):yyyy-MM-dd'T'HH:mm:ss'Z'}'"));
    }

    private static async Task<string[]> RunPythonAsync(params string[] arguments)
    {
        var script = Path.Combine(PetitionFunctions.Tests.Infra.InfraPaths.Root, "docs", "examples", "osdi_sync.py");
        var start = new ProcessStartInfo("python3", [script, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"osdi_sync.py failed: {errors}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
