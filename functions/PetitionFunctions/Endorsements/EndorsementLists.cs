using System.Globalization;

namespace PetitionFunctions.Endorsements;

/// <summary>The arithmetic and order of endorsement lists: plain C#, no storage.</summary>
public static class EndorsementLists
{
    /// <summary>Whether an endorsement appears on the public list: approved by an admin and consented to be listed.</summary>
    public static bool IsPublic(StoredEndorsement endorsement) => endorsement.Moderation == ModerationState.Approved && endorsement.ListPublicly;

    /// <summary>Organisations by scope (national, state, local), then by name; then individual leaders by name.</summary>
    public static IReadOnlyList<PublicEndorsement> Ordered(IEnumerable<PublicEndorsement> endorsements) =>
        endorsements
            .OrderBy(e => e.Kind)
            .ThenBy(e => e.Scope ?? EndorsementScope.Local)
            .ThenBy(e => OrganizationIdentity.CanonicalName(e.Name), StringComparer.Ordinal)
            .ThenBy(e => e.Name, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase))
            .ToList();

    /// <param name="details">Decrypts an individual's details (their name and affiliation are listed only once approved and consented).</param>
    public static PublicEndorsementList Public(IEnumerable<StoredEndorsement> endorsements, Func<StoredEndorsement, EndorserDetails> details, bool allowsIndividuals)
    {
        var listed = Ordered(endorsements.Where(IsPublic).Select(e => ToPublic(e, details)));
        var organizations = listed.Where(e => e.Kind == EndorserKind.Organization).ToList();
        var counts = new ScopeCounts(
            organizations.Count(e => e.Scope == EndorsementScope.National),
            organizations.Count(e => e.Scope == EndorsementScope.State),
            organizations.Count(e => e.Scope == EndorsementScope.Local));
        return new PublicEndorsementList(listed.Count, organizations.Count, listed.Count - organizations.Count, counts, allowsIndividuals, listed);
    }

    /// <summary>
    /// Every approved endorser (listed publicly or not: consenting to the letter is consenting to its
    /// delivery), grouped national, state, local, then individual leaders (scope null).
    /// </summary>
    public static IReadOnlyList<EndorserGroup> ForDelivery(IEnumerable<StoredEndorsement> endorsements, Func<StoredEndorsement, EndorserDetails> details) =>
        Ordered(endorsements.Where(e => e.Moderation == ModerationState.Approved).Select(e => ToPublic(e, details)))
            .GroupBy(e => e.Kind == EndorserKind.Organization ? e.Scope : null)
            .Select(group => new EndorserGroup(group.Key, group.ToList()))
            .ToList();

    public static PublicEndorsement ToPublic(StoredEndorsement endorsement, Func<StoredEndorsement, EndorserDetails> details)
    {
        if (endorsement.Organization is { } org)
            return new PublicEndorsement(EndorserKind.Organization, org.Name, org.Scope, org.Locality, org.Region, org.Website, org.LogoUrl);
        var person = details(endorsement);
        return new PublicEndorsement(EndorserKind.Individual, person.Name, Locality: person.Locality, Title: person.Title, Affiliation: person.Affiliation);
    }
}
