using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

public class HouseholdsTests
{
    [Theory]
    [InlineData("José", "García-López", "jose garcia lopez")]
    [InlineData("  JOSE ", " garcia   lopez", "jose garcia lopez")]
    [InlineData("Ｊｏｓé", "García López", "jose garcia lopez")]
    [InlineData("Mary-Jane", "O'Neil", "mary jane o neil")]
    [InlineData("Nguyễn", "Thị\u200B Lan", "nguyen thi lan")]
    public void Accents_case_punctuation_and_spacing_do_not_make_another_person(string given, string family, string canonical)
    {
        Assert.Equal(canonical, Households.CanonicalName(given, family));
    }

    [Fact]
    public void Different_names_are_different_people()
    {
        Assert.NotEqual(Households.CanonicalName("Ana", "Ruiz"), Households.CanonicalName("Ana María", "Ruiz"));
        Assert.NotEqual(Households.CanonicalName("Lan", "Nguyen"), Households.CanonicalName("Nguyen", "Lan"));
    }

    [Fact]
    public void A_member_s_key_starts_with_the_address_s_key_and_depends_on_the_name_only_through_its_canonical_form()
    {
        var keys = new DedupeKeys(TestSecrets.Options(TestSecrets.Valid()));
        var address = keys.For("familia@example.org");
        var jose = keys.ForHouseholdMember("familia@example.org", Households.CanonicalName("José", "López"));

        Assert.StartsWith(address + ".", jose, StringComparison.Ordinal);
        Assert.True(DedupeKeys.IsSignatureKey(jose));
        Assert.True(DedupeKeys.IsSignatureKey(address));
        Assert.Equal(DedupeKeys.PartitionOf("c", address), DedupeKeys.PartitionOf("c", jose));
        Assert.Equal(jose, keys.ForHouseholdMember("familia@example.org", Households.CanonicalName("JOSE", "lopez")));
        Assert.NotEqual(jose, keys.ForHouseholdMember("familia@example.org", Households.CanonicalName("Maria", "López")));
        Assert.NotEqual(jose, keys.ForHouseholdMember("otra@example.org", Households.CanonicalName("José", "López")));
        Assert.False(DedupeKeys.IsSignatureKey(address + ".xyz"));
        Assert.False(DedupeKeys.IsSignatureKey("journal-1-" + address));
    }
}
