using System.Net;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Email;

/// <summary>One inbox cannot be flooded through +tags: the per-inbox limits hold over every signature, campaign and kind.</summary>
public sealed class MailboxFloodTests(MailboxFloodFixture fixture) : IClassFixture<MailboxFloodFixture>
{
    [Fact]
    public async Task Eight_plus_addressed_signatures_for_one_inbox_give_it_two_emails_and_the_rest_wait_in_the_outbox()
    {
        var campaign = await fixture.NewCampaignAsync();
        var other = await fixture.NewCampaignAsync();
        var addresses = Enumerable.Range(1, 8).Select(i => $"victim+{i}@example.org").ToList();

        for (var i = 0; i < addresses.Count; i++)
        {
            var answer = await fixture.Http.PostAsync($"campaigns/{(i % 2 == 0 ? campaign : other).Slug}/signatures",
                Requests.Osdi("Ana", $"Flood{i}", addresses[i]));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        // Every email request is handled: sent (its outbox row cleared) or held for later (its row due in minutes).
        await Eventually.True(async () => await HeldAsync(campaign.Slug) + await HeldAsync(other.Slug) + Sent(addresses) == addresses.Count);
        Assert.Equal(2, Sent(addresses));
        Assert.Equal(6, await HeldAsync(campaign.Slug) + await HeldAsync(other.Slug));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("victim", StringComparison.OrdinalIgnoreCase));
    }

    private int Sent(IEnumerable<string> addresses) => addresses.Sum(address => Outbox.To(fixture.OutboxFolder, address).Count);

    private async Task<int> HeldAsync(string slug) =>
        (await fixture.SignatureRowsAsync(slug)).Count(row => row.RowKey.StartsWith(PetitionFunctions.Email.OutboxRows.Prefix, StringComparison.Ordinal)
                                                              && row.GetDateTimeOffset("DueAt") > DateTimeOffset.UtcNow.AddMinutes(5));
}
