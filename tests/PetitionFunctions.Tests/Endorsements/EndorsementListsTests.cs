using System.Globalization;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;

namespace PetitionFunctions.Tests.Endorsements;

public class EndorsementListsTests
{
    private static StoredEndorsement Org(string name, EndorsementScope scope, ModerationState moderation = ModerationState.Approved, bool listed = true) =>
        new("letter", "org-" + name.GetHashCode().ToString("x", CultureInfo.InvariantCulture), EndorserKind.Organization,
            new OrganizationProfile(name, "https://example.org/", scope, "City", "NY", null, null), "example.org", false, listed, Language.En, null,
            DateTimeOffset.UnixEpoch, EndorsementState.Confirmed, DateTimeOffset.UnixEpoch, moderation, null, "", 1, null, null);

    private static StoredEndorsement Person(string name) =>
        new("letter", "person-" + name.Length, EndorserKind.Individual, null, null, false, true, Language.Es, null, DateTimeOffset.UnixEpoch,
            EndorsementState.Confirmed, null, ModerationState.Approved, null, name, 1, null, null);

    private static EndorserDetails Details(StoredEndorsement e) => new(e.ProtectedDetails, "Pastor", "x@example.org", Affiliation: "Iglesia", Locality: "Queens");

    [Fact]
    public void Only_approved_and_consenting_endorsements_are_listed_by_scope_then_name_with_counts()
    {
        var list = EndorsementLists.Public(
        [
            Org("Zeta Local Group", EndorsementScope.Local),
            Org("The Alpha State Network", EndorsementScope.State),
            Person("Rev. Ana Ruiz"),
            Org("beta national", EndorsementScope.National),
            Org("Alpha National", EndorsementScope.National),
            Org("Pending National", EndorsementScope.National, ModerationState.Pending),
            Org("Rejected Local", EndorsementScope.Local, ModerationState.Rejected),
            Org("Private State", EndorsementScope.State, listed: false),
        ], Details, allowsIndividuals: true);

        Assert.Equal(["Alpha National", "beta national", "The Alpha State Network", "Zeta Local Group", "Rev. Ana Ruiz"], list.Endorsements.Select(e => e.Name));
        Assert.Equal(new ScopeCounts(2, 1, 1), list.ByScope);
        Assert.Equal((5, 4, 1), (list.Total, list.Organizations, list.Individuals));
        var person = list.Endorsements[^1];
        Assert.Equal(("Pastor", "Iglesia", "Queens", null), (person.Title, person.Affiliation, person.Locality, person.Scope));
        Assert.Null(person.Website);
    }

    [Fact]
    public void Delivery_carries_every_approved_endorser_grouped_by_scope_listed_or_not()
    {
        var groups = EndorsementLists.ForDelivery(
        [
            Org("Local One", EndorsementScope.Local),
            Org("Private State", EndorsementScope.State, listed: false),
            Org("Pending National", EndorsementScope.National, ModerationState.Pending),
            Person("Rev. Ana Ruiz"),
        ], Details);

        Assert.Equal(new EndorsementScope?[] { EndorsementScope.State, EndorsementScope.Local, null }, groups.Select(g => g.Scope));
        Assert.Equal("Private State", Assert.Single(groups[0].Endorsers).Name);
        Assert.Equal("Rev. Ana Ruiz", Assert.Single(groups[2].Endorsers).Name);
    }
}
