using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using PetitionFunctions.Admin;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

/// <summary>
/// Families sharing one email address (issue 16): different names are different signatures, each confirmed
/// from the shared mailbox, up to four per address; the same name again is the same signature.
/// </summary>
public sealed class HouseholdTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task Two_names_on_one_family_address_are_two_confirmed_signatures_and_both_count()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string family = "familia.lopez@example.org";

        var maria = await SignAsync(campaign.Slug, "María", "López", family);
        var jose = await SignAsync(campaign.Slug, "José", "López", family);

        Assert.Equal(HttpStatusCode.Accepted, maria.StatusCode);
        Assert.Equal(await maria.Content.ReadAsStringAsync(), await jose.Content.ReadAsStringAsync());
        var emails = await Outbox.WaitForAsync(fixture.OutboxFolder, family, 2);
        Assert.Equal(2, emails.Count);
        Assert.Single(emails, email => (email.TextBody ?? "").Contains("María", StringComparison.Ordinal));
        Assert.Single(emails, email => (email.TextBody ?? "").Contains("José", StringComparison.Ordinal));
        foreach (var email in emails)
            Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(email).FollowAsync(fixture.Http)).StatusCode);

        var signatures = await SignatureRowsAsync(campaign.Slug);
        Assert.Equal(2, signatures.Count);
        Assert.All(signatures, row => Assert.Equal(nameof(SignatureState.Confirmed), row.GetString("State")));
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
        Assert.Equal(2, await CountAsync(campaign.Slug));
    }

    [Fact]
    public async Task The_same_name_again_however_it_is_typed_is_the_same_signature()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string family = "familia.ortiz@example.org";

        await SignAsync(campaign.Slug, "Ana María", "Ortiz", family);
        await SignAsync(campaign.Slug, "Luis", "Ortiz", family);
        await SignAsync(campaign.Slug, "ANA  MARIA", "ortiz", family);
        await SignAsync(campaign.Slug, "luis", "Ortíz", family);

        Assert.Equal(2, (await SignatureRowsAsync(campaign.Slug)).Count);
    }

    [Fact]
    public async Task An_address_holds_at_most_four_signatures_per_campaign_and_the_fifth_signer_gets_the_same_answer()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string shared = "shared.inbox@example.org";
        string[] names = ["Ana", "Beto", "Carla", "Diego", "Elena", "Fidel"];

        var answers = new List<string>();
        foreach (var name in names)
        {
            var answer = await SignAsync(campaign.Slug, name, "Ruiz", shared);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            answers.Add(await answer.Content.ReadAsStringAsync());
        }

        Assert.Single(answers.Distinct());
        var signatures = await SignatureRowsAsync(campaign.Slug);
        Assert.Equal(4, signatures.Count);
        var details = signatures.Select(row => PersonalDetails.Unprotect(fixture.Service<PersonalDataCipher>(), campaign.Slug, row.RowKey, row.GetString("Personal")));
        Assert.Equal(names[..4], details.Select(person => person.GivenName).Order());
        // The first signer's row is keyed by the address alone; the others by the address and their name.
        var addressKey = fixture.Service<DedupeKeys>().For(shared);
        Assert.Single(signatures, row => row.RowKey == addressKey);
        Assert.All(signatures, row => Assert.StartsWith(addressKey, row.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_s_withdraw_link_withdraws_only_them_and_erasing_the_address_erases_the_whole_household()
    {
        var campaign = await fixture.NewCampaignAsync();
        var other = await fixture.NewCampaignAsync(c => c with { Title = new LocalizedText("Another petition", "Otra petición") });
        const string family = "familia.nguyen@example.org";
        await SignAsync(campaign.Slug, "Lan", "Nguyen", family);
        await SignAsync(campaign.Slug, "Minh", "Nguyen", family);
        await SignAsync(campaign.Slug, "Thu", "Nguyen", family);
        await SignAsync(other.Slug, "Minh", "Nguyen", family);
        var emails = await Outbox.WaitForAsync(fixture.OutboxFolder, family, 4);
        var minh = emails.First(email => (email.TextBody ?? "").Contains("Minh", StringComparison.Ordinal) && (email.TextBody ?? "").Contains(campaign.Title.En, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, (await Outbox.WithdrawLink(minh).FollowAsync(fixture.Http)).StatusCode);

        var states = (await SignatureRowsAsync(campaign.Slug)).Select(row => row.GetString("State")).Order().ToList();
        Assert.Equal([nameof(SignatureState.Unconfirmed), nameof(SignatureState.Unconfirmed), nameof(SignatureState.Withdrawn)], states);

        var erased = await fixture.Service<PersonErasure>().EraseAsync(JsonSerializer.Serialize(new { email = family }), "test-admin", CancellationToken.None);

        Assert.Equal(3, Assert.IsType<ErasureOutcome.Erased>(erased).Summary.Signatures);
        var left = (await SignatureRowsAsync(campaign.Slug)).Concat(await SignatureRowsAsync(other.Slug)).ToList();
        Assert.Equal(4, left.Count);
        Assert.All(left, row => Assert.Equal(nameof(SignatureState.Withdrawn), row.GetString("State")));
        Assert.All(left, row => Assert.False(row.ContainsKey("Personal")));
    }

    private Task<HttpResponseMessage> SignAsync(string slug, string givenName, string familyName, string email) =>
        fixture.Http.PostAsync($"campaigns/{slug}/signatures", Requests.Osdi(givenName, familyName, email));

    private async Task<List<TableEntity>> SignatureRowsAsync(string slug) =>
        (await fixture.SignatureRowsAsync(slug)).Where(row => DedupeKeys.IsSignatureKey(row.RowKey)).ToList();

    private async Task<int> CountAsync(string slug) =>
        (await fixture.Service<SummaryTable>().FindAsync(slug, CancellationToken.None))?.Summary.Count ?? 0;
}
