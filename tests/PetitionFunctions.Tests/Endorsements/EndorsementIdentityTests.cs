using PetitionFunctions.Endorsements;

namespace PetitionFunctions.Tests.Endorsements;

public class EndorsementIdentityTests
{
    [Theory]
    [InlineData("The New York Immigration Coalition, Inc.", "new york immigration coalition")]
    [InlineData("new york immigration coalition", "new york immigration coalition")]
    [InlineData("NEW YORK IMMIGRATION COALITION INC", "new york immigration coalition")]
    [InlineData("  New-York   Immigration Coalition LLC ", "new york immigration coalition")]
    [InlineData("Coalición Latina", "coalicion latina")]
    [InlineData("Faith & Justice", "faith and justice")]
    [InlineData("People's Action", "peoples action")]
    [InlineData("U.S. Action Corp.", "us action")]
    [InlineData("The Inc", "inc")]
    [InlineData("The", "the")]
    public void Canonical_names_ignore_case_accents_punctuation_the_and_legal_forms(string name, string canonical) =>
        Assert.Equal(canonical, OrganizationIdentity.CanonicalName(name));

    [Theory]
    [InlineData("https://www.NYIC.org/about", "nyic.org")]
    [InlineData("http://nyic.org", "nyic.org")]
    [InlineData("https://ny.nyic.org/", "ny.nyic.org")]
    [InlineData("https://www.facebook.com/CasaDeMaryland/", "facebook.com/casademaryland")]
    [InlineData("https://sites.google.com", "sites.google.com")]
    [InlineData("mailto:x@nyic.org", null)]
    public void The_domain_is_the_host_without_www_and_a_shared_host_keeps_its_first_path_segment(string website, string? domain) =>
        Assert.Equal(domain, OrganizationIdentity.Domain(website));

    [Fact]
    public void The_same_organisation_written_differently_has_one_key_and_another_domain_another()
    {
        var a = OrganizationIdentity.Key(OrganizationIdentity.CanonicalName("The NYIC, Inc."), OrganizationIdentity.Domain("https://www.nyic.org")!);
        var b = OrganizationIdentity.Key(OrganizationIdentity.CanonicalName("nyic"), OrganizationIdentity.Domain("http://nyic.org/")!);
        var c = OrganizationIdentity.Key(OrganizationIdentity.CanonicalName("nyic"), OrganizationIdentity.Domain("https://nyic.net")!);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.StartsWith("org-", a);
        Assert.True(EndorsementTable.IsEndorsementKey(a));
    }

    [Theory]
    [InlineData("maria@nyic.org", "https://www.nyic.org", true)]
    [InlineData("maria@NYIC.org", "https://nyic.org/about", true)]
    [InlineData("maria@ny.nyic.org", "https://nyic.org", true)]
    [InlineData("maria@nyic.org.evil.example", "https://nyic.org", false)]
    [InlineData("maria@evilnyic.org", "https://nyic.org", false)]
    [InlineData("maria@gmail.com", "https://nyic.org", false)]
    [InlineData("someone@gmail.com", "https://gmail.com", false)]
    [InlineData("someone@wordpress.com", "https://myorg.wordpress.com", false)]
    public void Domain_verification_needs_the_signer_s_email_at_the_organisation_s_own_domain(string email, string website, bool matches) =>
        Assert.Equal(matches, OrganizationIdentity.EmailMatchesWebsite(email, website));
}
