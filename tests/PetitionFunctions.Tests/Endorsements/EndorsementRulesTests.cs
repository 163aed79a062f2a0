using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;

namespace PetitionFunctions.Tests.Endorsements;

public class EndorsementRulesTests
{
    public static Campaign Letter(bool individuals = false) => new()
    {
        Slug = "letter-to-ice-director",
        Kind = CampaignKind.Letter,
        Title = new LocalizedText("Suspend S-Comm", "Suspendan S-Comm"),
        Description = new LocalizedText("Description", "Descripción"),
        CallToAction = new LocalizedText("Add your organisation", "Sume a su organización"),
        Target = new CampaignTarget("ICE", "Director", "director@example.org"),
        Goal = 200,
        State = CampaignState.Open,
        ReturnUrls = ["https://partner.example/thank-you"],
        AllowsIndividualEndorsements = individuals,
    };

    public static EndorsementSubmission Organization(
        string? name = "New York Immigration Coalition", string? website = "https://www.nyic.org", string? scope = "state",
        string? locality = "New York", string? region = "ny", string? signerName = "María López", string? signerTitle = "Executive Director",
        string? signerEmail = "maria@nyic.org", string? phone = null, bool? listPublicly = true, string? logo = null) => new()
    {
        Names = EndorsementFieldNames.Json,
        OrganizationName = name,
        Website = website,
        Scope = scope,
        OrganizationLocality = locality,
        OrganizationRegion = region,
        LogoUrl = logo,
        SignerName = signerName,
        SignerTitle = signerTitle,
        SignerEmail = signerEmail,
        SignerPhone = phone,
        ListPublicly = listPublicly,
    };

    private static EndorsementSubmission Individual() => new()
    {
        Names = EndorsementFieldNames.Json,
        Type = "individual",
        PersonName = "Rev. Juan Ortiz",
        PersonTitle = "Pastor",
        PersonAffiliation = "Iglesia San Pablo",
        PersonLocality = "Queens",
        PersonEmail = "juan@example.org",
        ListPublicly = false,
        Language = "es",
    };

    private static ValidEndorsement Valid(EndorsementSubmission submission, Campaign? campaign = null)
    {
        var (endorsement, errors) = EndorsementRules.Validate(submission, campaign ?? Letter(), Language.En);
        Assert.True(errors.IsEmpty, string.Join("; ", errors.In(Language.En).Select(e => $"{e.Key}: {e.Value[0]}")));
        return endorsement!;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(EndorsementSubmission submission, Campaign? campaign = null, Language language = Language.En)
    {
        var (endorsement, errors) = EndorsementRules.Validate(submission, campaign ?? Letter(), Language.En);
        Assert.Null(endorsement);
        return errors.In(language);
    }

    [Fact]
    public void An_organisation_with_its_signer_is_valid_and_tidied()
    {
        var endorsement = Valid(Organization(website: "nyic.org", phone: "+1 (212) 555-0100"));

        Assert.Equal(EndorserKind.Organization, endorsement.Kind);
        Assert.Equal("https://nyic.org/", endorsement.Organization!.Website);
        Assert.Equal(EndorsementScope.State, endorsement.Organization.Scope);
        Assert.Equal("NY", endorsement.Organization.Region);
        Assert.Equal("María López", endorsement.Endorser.Name);
        Assert.Equal("+1 (212) 555-0100", endorsement.Endorser.Phone);
        Assert.True(endorsement.ListPublicly);
        Assert.True(endorsement.DomainMatches);
    }

    [Fact]
    public void Every_missing_field_gets_one_error_and_the_consent_must_be_answered()
    {
        var errors = Invalid(new EndorsementSubmission { Names = EndorsementFieldNames.Json });

        Assert.Equal(
            new[] { "list_publicly", "organization.name", "organization.scope", "organization.website", "signer.email", "signer.name", "signer.title" },
            errors.Keys.Order().ToArray());
        Assert.All(errors.Values, messages => Assert.Single(messages));
    }

    [Theory]
    [InlineData("local", null, "NY", "organization.locality")]
    [InlineData("state", "Albany", null, "organization.region")]
    [InlineData("galactic", "Albany", "NY", "organization.scope")]
    public void Scope_decides_which_places_are_required(string scope, string? locality, string? region, string field)
    {
        var errors = Invalid(Organization(scope: scope, locality: locality, region: region));

        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://nyic.org")]
    [InlineData("https://user:pw@nyic.org")]
    [InlineData("https://localhost")]
    [InlineData("https://10.0.0.1")]
    [InlineData("nyic org")]
    public void A_website_must_be_a_real_web_address(string website) =>
        Assert.Equal(["organization.website"], Invalid(Organization(website: website)).Keys);

    [Fact]
    public void A_logo_must_be_https_and_a_phone_must_look_like_one()
    {
        var errors = Invalid(Organization(logo: "http://nyic.org/logo.png", phone: "call me"), language: Language.Es);

        Assert.Equal(["organization.logo_url", "signer.phone"], errors.Keys.Order());
        Assert.StartsWith("Escriba un número de teléfono válido", errors["signer.phone"][0]);
    }

    [Fact]
    public void Typed_text_is_made_spreadsheet_safe()
    {
        var endorsement = Valid(Organization(name: "=HYPERLINK(\"x\")", signerName: "+Ana"));

        Assert.Equal("'=HYPERLINK(\"x\")", endorsement.Organization!.Name);
        Assert.Equal("'+Ana", endorsement.Endorser.Name);
    }

    [Fact]
    public void Individuals_only_where_the_letter_allows_them()
    {
        Assert.Equal(["type"], Invalid(Individual()).Keys);

        var endorsement = Valid(Individual(), Letter(individuals: true));
        Assert.Equal(EndorserKind.Individual, endorsement.Kind);
        Assert.Null(endorsement.Organization);
        Assert.Equal("Iglesia San Pablo", endorsement.Endorser.Affiliation);
        Assert.Equal(Language.Es, endorsement.Language);
        Assert.False(endorsement.ListPublicly);
        Assert.False(endorsement.DomainMatches);
    }

    [Fact]
    public void A_form_post_goes_back_only_to_an_allowed_return_url()
    {
        var form = Organization() with { Names = EndorsementFieldNames.Form, ReturnUrl = "https://evil.example/thank-you" };

        Assert.Equal(["return_url"], Invalid(form).Keys);
        Assert.Equal(new Uri("https://partner.example/thank-you?utm=x"), Valid(form with { ReturnUrl = "https://partner.example/thank-you?utm=x" }).ReturnUrl);
    }

    [Theory]
    [InlineData("email/2026-05 blast:es", "email-2026-05-blast-es")]
    [InlineData("Partner.Site-A", "partner.site-a")]
    [InlineData("///", null)]
    public void A_partner_source_is_folded_into_a_stored_code_as_for_signatures_never_refused(string source, string? code) =>
        Assert.Equal(code, Valid(Organization() with { Source = source }).Source);
}
