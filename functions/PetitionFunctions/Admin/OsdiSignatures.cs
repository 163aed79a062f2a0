using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Admin;

/// <summary>The OSDI (HAL+JSON) shapes of the signatures listings: the admin's and a partner's.</summary>
public static class OsdiSignatures
{
    public static string StateName(SignatureState state) => state.ToString().ToLowerInvariant();

    /// <param name="details">Null when the personal details are gone or could not be decrypted (a retired key): the rest is still shown.</param>
    public static OsdiSignature Signature(ModifiedSignature row, PersonalDetails? details, Uri self, Uri petition)
    {
        var signature = row.Signature;
        var link = new HalLink(self.AbsoluteUri);
        return new OsdiSignature(
            [HalJson.VendorPrefix + signature.Key, .. details?.Identifiers ?? []],
            HalJson.Time(signature.ReceivedAt),
            // The table's Timestamp is the server's clock; never report a change before the creation.
            HalJson.Time(row.Modified > signature.ReceivedAt ? row.Modified : signature.ReceivedAt),
            signature.SignedAt is { } signedAt ? HalJson.Time(signedAt) : null,
            details?.Comments,
            new OsdiReferrer(signature.Source),
            StateName(signature.State),
            signature.Flag,
            signature.EmailFailure,
            new OsdiSignatureLinks(link, link, new HalLink(petition.AbsoluteUri)),
            new OsdiEmbeddedPerson(new OsdiPerson(
                details?.PersonIdentifiers,
                details?.GivenName,
                details?.FamilyName,
                details is null ? [] : [new OsdiEmailAddress(details.Email)],
                [new OsdiPostalAddress(details?.PostalCode, details?.Locality, signature.Region)],
                signature.Language.Code())));
    }

    public static OsdiSignaturePage Page(PageWindow window, Uri collection, SignatureQuery query, IReadOnlyList<OsdiSignature> signatures) =>
        new(window.TotalPages, window.PerPage, window.Page, window.TotalRecords,
            new OsdiPageLinks(
                new HalLink(collection.AbsoluteUri + query.QueryStringFor(window.Page)),
                window.NextPage is { } next ? new HalLink(collection.AbsoluteUri + query.QueryStringFor(next)) : null,
                window.PreviousPage is { } previous ? new HalLink(collection.AbsoluteUri + query.QueryStringFor(previous)) : null,
                HalJson.Curies,
                signatures.Select(signature => signature.Links.Self).ToList()),
            new OsdiEmbeddedSignatures(signatures));
}
