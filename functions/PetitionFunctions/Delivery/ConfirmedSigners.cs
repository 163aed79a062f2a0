using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Delivery;

/// <summary>
/// Reads a campaign's confirmed signers from the Signatures table for a delivery, page by page: one
/// row-key range query per partition (16 per campaign), confirmed rows only, only the columns the CSV
/// needs, each signer decrypted on its own as the CSV asks for it. Nothing is collected in memory.
/// </summary>
/// <remarks>Read-only, and a separate class from Intake's <see cref="SignatureTable"/> so the delivery's one query lives with the delivery.</remarks>
public sealed class ConfirmedSigners(TableServiceClient service, PersonalDataCipher cipher, ILogger<ConfirmedSigners> log)
{
    private const int PageSize = 1000;
    private static readonly string[] Columns = ["RowKey", "Region", "ReceivedAt", "ConfirmedAt", "Personal", "Flag"];
    private readonly TableClient _table = service.GetTableClient(StorageNames.SignaturesTable);

    /// <summary>Signers confirmed at or before the cut-off, partition by partition, in row-key order: the same rows on every attempt.</summary>
    public async IAsyncEnumerable<DeliverySigner> ReadAsync(string campaign, DateTimeOffset cutoff, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var confirmed = SignatureState.Confirmed.ToString();
        var unreadable = 0;
        var anonymised = 0;
        foreach (var partition in DedupeKeys.PartitionsOf(campaign))
        {
            // Signature row keys are hex, so they sort below "g"; journal and outbox rows sort above.
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and RowKey lt {"g"} and State eq {confirmed} and ConfirmedAt le {cutoff}");
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, PageSize, Columns, cancellationToken))
            {
                // A flagged signature is not in the count, so it is not in the list either (until an admin releases it).
                if (SignatureFlags.Normalize(row.GetString("Flag")) is not null) continue;
                // Anonymised after the final delivery (SignatureAnonymisation): counted, but nobody left to list.
                if (string.IsNullOrEmpty(row.GetString("Personal")))
                {
                    anonymised++;
                    continue;
                }
                PersonalDetails person;
                try
                {
                    person = PersonalDetails.Unprotect(cipher, campaign, row.RowKey, row.GetString("Personal") ?? "");
                }
                catch (Exception e) when (e is CryptographicException or FormatException or System.Text.Json.JsonException)
                {
                    unreadable++;
                    continue;
                }
                yield return new DeliverySigner(person.GivenName, person.FamilyName, person.Locality, row.GetString("Region"),
                    person.PostalCode, person.Comments, row.GetDateTimeOffset("ReceivedAt") ?? row.GetDateTimeOffset("ConfirmedAt") ?? cutoff);
            }
        }
        if (anonymised > 0)
            log.LogInformation("{Count} confirmed signatures of {Campaign} were anonymised and are left out of the delivery.", anonymised, campaign);
        if (unreadable > 0)
            log.LogError("{Count} confirmed signatures of {Campaign} could not be decrypted (a retired key?) and were left out of the delivery.", unreadable, campaign);
    }
}
