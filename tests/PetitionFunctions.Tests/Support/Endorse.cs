using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;

namespace PetitionFunctions.Tests.Support;

/// <summary>Bodies and helpers for endorsing a letter against the local host.</summary>
public static class Endorse
{
    public static HttpContent Organization(string name, string website, string email, string scope = "state", bool? listPublicly = true,
        string? language = null, string signerName = "María López") =>
        JsonContent.Create(new
        {
            organization = new { name, website, scope, locality = "New York", region = "NY", legal_status = "501(c)(3)" },
            signer = new { name = signerName, title = "Executive Director", email, phone = "+1 212 555 0100" },
            list_publicly = listPublicly,
            language,
        });

    public static HttpContent Individual(string name, string email, string language = "es") =>
        JsonContent.Create(new
        {
            type = "individual",
            person = new { name, title = "Pastor", affiliation = "Iglesia San Pablo", locality = "Queens", email },
            list_publicly = true,
            language,
        });

    public static Task<Campaign> NewLetterAsync(this LocalHostFixture fixture, Func<Campaign, Campaign>? change = null) =>
        fixture.NewCampaignAsync(c =>
        {
            var letter = c with { Kind = CampaignKind.Letter, Goal = 200, Title = new("Suspend S-Comm", "Suspendan S-Comm") };
            return change?.Invoke(letter) ?? letter;
        });

    public static async Task<List<TableEntity>> EndorsementRowsAsync(this LocalHostFixture fixture, string slug)
    {
        var table = fixture.Service<TableServiceClient>().GetTableClient(StorageNames.EndorsementsTable);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == slug)) rows.Add(row);
        return rows;
    }

    public static List<TableEntity> Endorsements(this List<TableEntity> rows) => rows.Where(r => EndorsementTable.IsEndorsementKey(r.RowKey)).ToList();

    /// <summary>The confirm link in an endorsement email.</summary>
    public static EmailLink ConfirmLink(MimeMessage message) => EmailLink.In(message, "endorsements/confirm");

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage answer) =>
        JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;

    public static Task<HttpResponseMessage> ModerateAsync(this LocalHostFixture fixture, string slug, string state, params string[] keys) =>
        fixture.AdminClient(AdminRoles.Admin).PostAsJsonAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{slug}/endorsements/moderation"),
            new { keys, state });
}
