using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

public class EmailAddressesTests
{
    [Theory]
    [InlineData("ana@example.org")]
    [InlineData("ana.perez@example.org")]
    [InlineData("ana+petitions@mail.example.co.uk")]
    [InlineData("A.Perez@Example.ORG")]
    public void IsValid_accepts_plain_addresses(string address) =>
        Assert.True(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("Ana <a@b.org>")]
    [InlineData("\"Ana\" <ana@example.org>")]
    [InlineData("<ana@example.org>")]
    public void IsValid_rejects_display_name_forms(string address) =>
        Assert.False(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("ana perez@example.org")]
    [InlineData(" ana@example.org")]
    [InlineData("ana@example.org ")]
    [InlineData("ana@exam ple.org")]
    public void IsValid_rejects_spaces(string address) =>
        Assert.False(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("ana@localhost")]
    [InlineData("ana@example")]
    public void IsValid_rejects_a_domain_without_a_dot(string address) =>
        Assert.False(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("ana@example.123")]
    [InlineData("ana@10.0.0.1")]
    public void IsValid_rejects_a_numeric_top_level_domain(string address) =>
        Assert.False(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("@example.org")]
    [InlineData("ana@")]
    public void IsValid_rejects_incomplete_addresses(string address) =>
        Assert.False(EmailAddresses.IsValid(address));

    /// <summary>A 64-character local part and a domain of legal labels (at most 63 characters each) totalling <paramref name="length"/>.</summary>
    private static string AddressOfLength(int length)
    {
        var local = new string('a', 64);
        var label = new string('b', 63);
        var middle = length - local.Length - 1 - (label.Length + 1) * 2 - ".org".Length;
        Assert.InRange(middle, 1, 63);
        var address = $"{local}@{label}.{label}.{new string('c', middle)}.org";
        Assert.Equal(length, address.Length);
        return address;
    }

    [Fact]
    public void IsValid_accepts_exactly_254_characters() =>
        Assert.True(EmailAddresses.IsValid(AddressOfLength(EmailAddresses.MaxLength)));

    [Fact]
    public void IsValid_rejects_more_than_254_characters() =>
        Assert.False(EmailAddresses.IsValid(AddressOfLength(EmailAddresses.MaxLength + 1)));

    [Fact]
    public void IsValid_accepts_a_local_part_of_64_characters() =>
        Assert.True(EmailAddresses.IsValid(new string('a', 64) + "@example.org"));

    [Fact]
    public void IsValid_rejects_a_local_part_over_64_characters() =>
        Assert.False(EmailAddresses.IsValid(new string('a', 65) + "@example.org"));

    [Theory]
    [InlineData("Ana.Perez@Example.ORG", "ana.perez@example.org")]
    [InlineData("ANA@EXAMPLE.ORG", "ana@example.org")]
    public void Canonical_lower_cases(string address, string expected) =>
        Assert.Equal(expected, EmailAddresses.Canonical(address));

    [Theory]
    [InlineData("Ana.Perez+petitions@gmail.com", "anaperez@gmail.com")]
    [InlineData("a.n.a@gmail.com", "ana@gmail.com")]
    [InlineData("Ana.Perez+x@GoogleMail.com", "anaperez@gmail.com")]
    [InlineData("anaperez@googlemail.com", "anaperez@gmail.com")]
    public void Canonical_strips_dots_and_tags_for_gmail_and_maps_googlemail_to_gmail(string address, string expected) =>
        Assert.Equal(expected, EmailAddresses.Canonical(address));

    [Fact]
    public void Canonical_gives_the_same_key_for_gmail_variants() =>
        Assert.Equal(EmailAddresses.Canonical("a.na+one@googlemail.com"), EmailAddresses.Canonical("ANA+two@gmail.com"));

    [Theory]
    [InlineData("Ana.Perez+petitions@outlook.com", "ana.perez@outlook.com")]
    [InlineData("ana.perez@Outlook.com", "ana.perez@outlook.com")]
    public void Canonical_strips_tags_but_keeps_dots_for_outlook(string address, string expected) =>
        Assert.Equal(expected, EmailAddresses.Canonical(address));

    [Theory]
    [InlineData("Ana.Perez+petitions@example.org", "ana.perez+petitions@example.org")]
    [InlineData("a.n.a@example.org", "a.n.a@example.org")]
    public void Canonical_keeps_dots_and_tags_for_unknown_domains(string address, string expected) =>
        Assert.Equal(expected, EmailAddresses.Canonical(address));

    [Fact]
    public void Canonical_does_not_merge_different_addresses_on_unknown_domains() =>
        Assert.NotEqual(EmailAddresses.Canonical("ana.perez@example.org"), EmailAddresses.Canonical("anaperez@example.org"));
}
