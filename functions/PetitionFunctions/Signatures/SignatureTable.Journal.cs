using System.Globalization;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Common;

namespace PetitionFunctions.Signatures;

public sealed partial class SignatureTable
{
    private readonly TableClient _archive = service.GetTableClient(StorageNames.JournalArchiveTable);

    /// <summary>
    /// The journal rows of a campaign still in the Signatures table: one row-key range query per partition. Counted rows are moved to the
    /// archive after each roll-up, so what is left is the rows not counted yet (and any a roll-up counted
    /// but could not finish archiving). The cost follows the new rows, not the size of the campaign.
    /// </summary>
    public async IAsyncEnumerable<JournalRow> JournalAsync(
        string campaign,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey ge {JournalPrefix} and RowKey lt {"journal."}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                yield return new JournalRow(
                    long.Parse(row.RowKey.AsSpan(JournalPrefix.Length, 19), CultureInfo.InvariantCulture),
                    new JournalEntry(row.GetInt32("Change") ?? 0, row.GetDateTimeOffset("At") ?? default, row.GetString("Source"),
                        row.GetString("Region"), row.GetString("PostalPrefix"), Languages.Parse(row.GetString("Language")) ?? Language.En),
                    row);
        }
    }

    /// <summary>
    /// Moves counted journal rows to the JournalArchive table (same keys), a batch per partition: copied
    /// first, then deleted, so a failure in between leaves a row in both places and the next roll-up,
    /// which skips rows below its watermark, moves it again. Copies are upserts and lost deletes are
    /// ignored, so two roll-ups archiving the same rows do no harm.
    /// </summary>
    public async Task ArchiveJournalAsync(IEnumerable<JournalRow> counted, CancellationToken cancellationToken)
    {
        foreach (var batch in counted.Select(r => r.Stored).GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)))
        {
            await _archive.SubmitTransactionAsync(
                batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), cancellationToken);
            try
            {
                await _table.SubmitTransactionAsync(
                    batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
            }
            catch (RequestFailedException gone) when (gone.Status == 404)
            {
                foreach (var row in batch)
                {
                    try { await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken); }
                    catch (RequestFailedException alreadyGone) when (alreadyGone.Status == 404) { }
                }
            }
        }
    }
}
