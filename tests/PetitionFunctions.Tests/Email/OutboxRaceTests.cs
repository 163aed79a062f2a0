using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Email;

/// <summary>The outbox relay and the email consumer racing over one outbox row, against Azurite.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class OutboxRaceTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task The_relay_skips_an_outbox_row_the_email_consumer_cleared_after_the_relay_read_it()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync();
        var key = new string('e', 64);
        Assert.True(await fixture.Service<SignatureTable>().InsertIfAbsentAsync(new SignatureRecord(campaign.Slug, key, Language.En, null, null, "100",
            DateTimeOffset.UtcNow - SignatureTable.OutboxGrace - TimeSpan.FromMinutes(1), "test:not-read"), CancellationToken.None));

        // The consumer clears the row just as the relay goes to postpone it.
        var options = new TableClientOptions();
        options.AddPolicy(new BeforeWriting("outbox-" + key,
            () => fixture.Signatures.DeleteEntity(DedupeKeys.PartitionOf(campaign.Slug, key), "outbox-" + key)), HttpPipelinePosition.PerCall);
        var racing = new SignatureTable(new TableServiceClient(fixture.Azurite.ConnectionString, options));
        var relay = new ConfirmationOutboxRelay(fixture.Service<CampaignTable>(), racing, fixture.Service<ConfirmationQueue>(),
            TimeProvider.System, NullLogger<ConfirmationOutboxRelay>.Instance);

        await relay.RelayAsync(CancellationToken.None);

        Assert.Empty(await fixture.MessagesForAsync(campaign.Slug));
    }

    private sealed class BeforeWriting(string rowKey, Action action) : HttpPipelineSynchronousPolicy
    {
        private int _done;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get && message.Request.Uri.ToString().Contains(rowKey, StringComparison.Ordinal)
                && Interlocked.Exchange(ref _done, 1) == 0)
                action();
        }
    }
}
