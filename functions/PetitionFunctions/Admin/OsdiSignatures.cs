using System.Text.Json;
using System.Text.Json.Serialization;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>The OSDI (HAL+JSON) shapes of the signatures admin API.</summary>
public static class OsdiSignatures
{
    public const string IdentifierPrefix = "petitionfunctions:";

    public static string StateName(SignatureState state) => state.ToString().ToLowerInvariant();

    /// <param name="details">Null when the personal details could not be decrypted (a retired key): the rest is still shown.</param>
    public static OsdiSignature Signature(ModifiedSignature row, PersonalDetails? details, Uri self)
    {
        var signature = row.Signature;
        return new OsdiSignature(
            [IdentifierPrefix + signature.Key],
            signature.ReceivedAt,
            // The table's Timestamp is the server's clock at millisecond precision; never report a change before the creation.
            row.Modified > signature.ReceivedAt ? row.Modified : signature.ReceivedAt,
            StateName(signature.State),
            signature.Flag,
            signature.EmailFailure,
            new OsdiPerson(
                details?.GivenName,
                details?.FamilyName,
                details is null ? [] : [new OsdiEmailAddress(details.Email)],
                [new OsdiPostalAddress(details?.PostalCode, details?.Locality, signature.Region)],
                signature.Language.Code()),
            details?.Comments,
            new OsdiReferrer(signature.Source),
            new OsdiSignatureLinks(new HalLink(self.AbsoluteUri)));
    }

    public static OsdiSignaturePage Page(PageWindow window, Uri collection, SignatureQuery query, IReadOnlyList<OsdiSignature> signatures) =>
        new(window.TotalPages, window.PerPage, window.Page, window.TotalRecords,
            new HalPageLinks(
                new HalLink(collection.AbsoluteUri + query.QueryStringFor(window.Page)),
                window.NextPage is { } next ? new HalLink(collection.AbsoluteUri + query.QueryStringFor(next)) : null,
                window.PreviousPage is { } previous ? new HalLink(collection.AbsoluteUri + query.QueryStringFor(previous)) : null),
            new OsdiEmbeddedSignatures(signatures));
}
