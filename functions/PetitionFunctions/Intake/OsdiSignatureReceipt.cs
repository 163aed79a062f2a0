using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

/// <summary>
/// The answer to an OSDI client (<see cref="HalJson.IsWanted"/>): the signature as OSDI represents it.
/// Built from the request alone, never from what was stored, so it reads the same whether or not the
/// person had signed before: no identifier of ours (a stable one would tell a repeat from a first
/// signature), the time of this request as created_date, and the petition it was recorded on.
/// </summary>
public sealed record OsdiSignatureReceipt(
    IReadOnlyList<string> Identifiers,
    string CreatedDate,
    string ModifiedDate,
    string ActionDate,
    OsdiReceiptReferrer? ReferrerData,
    [property: JsonPropertyName("petitionfunctions:status")] string Status,
    [property: JsonPropertyName("petitionfunctions:message")] string Message,
    [property: JsonPropertyName("_links")] OsdiReceiptLinks Links)
{
    public static IActionResult Answer(ValidSignature signature, string message, Uri petition, DateTimeOffset now) =>
        HalJson.Answer(new OsdiSignatureReceipt(
            signature.Identifiers,
            HalJson.Time(now),
            HalJson.Time(now),
            HalJson.Time(signature.SignedAt ?? now),
            signature.Source is { } source ? new OsdiReceiptReferrer(source) : null,
            "received",
            message,
            new OsdiReceiptLinks(HalJson.Curies, new HalLink(petition.AbsoluteUri))), StatusCodes.Status202Accepted);
}

public sealed record OsdiReceiptReferrer(string Source);

public sealed record OsdiReceiptLinks(
    IReadOnlyList<HalCurie> Curies,
    [property: JsonPropertyName("osdi:petition")] HalLink Petition);
