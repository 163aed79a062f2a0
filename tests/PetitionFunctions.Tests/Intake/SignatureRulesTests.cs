using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Intake;

public class SignatureRulesTests
{
    private const string ThankYou = "https://partner.example/thank-you";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static Campaign NewCampaign(params string[] returnUrls) => new()
    {
        Slug = "clean-water",
        Kind = CampaignKind.Petition,
        Title = new LocalizedText("Clean water", "Agua limpia"),
        Description = new LocalizedText("Description", "Descripción"),
        CallToAction = new LocalizedText("Sign", "Firme"),
        Target = new CampaignTarget("Mayor", "Mayor of Town", "mayor@town.example"),
        Goal = 1000,
        State = CampaignState.Open,
        ReturnUrls = returnUrls.Length == 0 ? [ThankYou] : returnUrls,
    };

    private static SignatureSubmission Osdi(
        string? givenName = "Ana", string? familyName = "Pérez", string? email = "ana@example.org", string? postalCode = "90210",
        string? locality = null, string? region = null, string? comments = null, string? language = null, string? source = null,
        string? returnUrl = null) => new()
    {
        Names = SignatureFieldNames.Osdi,
        GivenName = givenName,
        FamilyName = familyName,
        Email = email,
        PostalCode = postalCode,
        Locality = locality,
        Region = region,
        Comments = comments,
        Language = language,
        Source = source,
        ReturnUrl = returnUrl,
    };

    private static SignatureSubmission Form(string? returnUrl = null) =>
        Osdi(returnUrl: returnUrl) with { Names = SignatureFieldNames.Form };

    private static ValidSignature Valid(SignatureSubmission submission, Language fallback = Language.En)
    {
        var (signature, errors) = SignatureRules.Validate(submission, NewCampaign(), fallback, Now);
        Assert.True(errors.IsEmpty, "Unexpected errors: " + string.Join("; ", errors.In(Language.En).Select(e => $"{e.Key}: {e.Value[0]}")));
        Assert.NotNull(signature);
        return signature;
    }

    private static IReadOnlyDictionary<string, string[]> Invalid(SignatureSubmission submission, Language language = Language.En)
    {
        var (signature, errors) = SignatureRules.Validate(submission, NewCampaign(), Language.En, Now);
        Assert.Null(signature);
        Assert.False(errors.IsEmpty);
        return errors.In(language);
    }

    [Fact]
    public void A_complete_submission_is_valid_and_keeps_its_values()
    {
        var signature = Valid(Osdi(locality: "Springfield", region: "CA", comments: "Please act."));
        Assert.Equal("Ana", signature.GivenName);
        Assert.Equal("Pérez", signature.FamilyName);
        Assert.Equal("ana@example.org", signature.Email);
        Assert.Equal("ana@example.org", signature.CanonicalEmail);
        Assert.Equal("90210", signature.PostalCode);
        Assert.Equal("Springfield", signature.Locality);
        Assert.Equal("CA", signature.Region);
        Assert.Equal("Please act.", signature.Comments);
    }

    [Theory]
    [InlineData("\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b")]
    [InlineData("\u2060\u200d\u200c")]
    [InlineData("...")]
    [InlineData("- -")]
    public void A_name_with_no_visible_letter_or_digit_is_refused_with_a_field_error(string name)
    {
        var errors = Invalid(Osdi(givenName: name, familyName: name), Language.Es);

        Assert.Equal(["Escriba al menos una letra o un número."], errors["person.given_name"]);
        Assert.Equal(["Escriba al menos una letra o un número."], errors["person.family_name"]);
    }

    [Fact]
    public void A_name_in_any_script_or_with_invisible_joiners_between_letters_is_kept()
    {
        Assert.Equal("王", Valid(Osdi(givenName: "王")).GivenName);
        Assert.Equal("Nguyễn", Valid(Osdi(familyName: "Nguyễn")).FamilyName);
    }

    public static TheoryData<SignatureFieldNames> Formats => new() { SignatureFieldNames.Osdi, SignatureFieldNames.Form };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Missing_required_fields_give_one_error_per_field_under_the_formats_names(SignatureFieldNames names)
    {
        var submission = new SignatureSubmission { Names = names };
        var errors = Invalid(submission);
        Assert.Equal(
            new[] { names.GivenName, names.FamilyName, names.Email, names.PostalCode }.Order(),
            errors.Keys.Order());
        Assert.All(errors.Values, messages => Assert.Equal(new[] { "This field is required." }, messages));
    }

    [Fact]
    public void Blank_required_fields_count_as_missing()
    {
        var errors = Invalid(Osdi(givenName: "   ", familyName: "", email: " ", postalCode: "\t"));
        Assert.Equal(4, errors.Count);
        Assert.Contains("person.given_name", errors.Keys);
        Assert.Contains("person.email_addresses[0].address", errors.Keys);
    }

    [Fact]
    public void Form_errors_use_form_field_names()
    {
        var submission = Form() with { Email = "not-an-email" };
        var errors = Invalid(submission);
        Assert.Equal(["email"], errors.Keys);
    }

    [Fact]
    public void Osdi_errors_use_osdi_field_names()
    {
        var errors = Invalid(Osdi(email: "not-an-email"));
        Assert.Equal(["person.email_addresses[0].address"], errors.Keys);
    }

    [Fact]
    public void Names_of_exactly_100_characters_are_accepted()
    {
        var name = new string('a', SignatureRules.MaxNameLength);
        var signature = Valid(Osdi(givenName: name, familyName: name));
        Assert.Equal(name, signature.GivenName);
    }

    [Fact]
    public void Names_over_100_characters_are_rejected()
    {
        var name = new string('a', SignatureRules.MaxNameLength + 1);
        var errors = Invalid(Osdi(givenName: name, familyName: name));
        Assert.Equal(["Use at most 100 characters."], errors["person.given_name"]);
        Assert.Equal(["Use at most 100 characters."], errors["person.family_name"]);
    }

    [Fact]
    public void Comments_of_exactly_2000_characters_are_accepted()
    {
        var comments = new string('c', SignatureRules.MaxCommentLength);
        Assert.Equal(comments, Valid(Osdi(comments: comments)).Comments);
    }

    [Fact]
    public void Comments_over_2000_characters_are_rejected()
    {
        var errors = Invalid(Osdi(comments: new string('c', SignatureRules.MaxCommentLength + 1)));
        Assert.Equal(["Use at most 2000 characters."], errors["comments"]);
    }

    [Theory]
    [InlineData("Ana\u0000")]
    [InlineData("A\u0007na")]
    [InlineData("Ana\nMaría")]
    [InlineData("Ana\u001bX")]
    public void Control_characters_in_names_are_rejected(string name)
    {
        var errors = Invalid(Osdi(givenName: name));
        Assert.Equal(["This contains characters that are not allowed."], errors["person.given_name"]);
    }

    [Fact]
    public void Line_breaks_in_comments_are_allowed()
    {
        Assert.Equal("Line one\nLine two", Valid(Osdi(comments: "Line one\nLine two")).Comments);
    }

    [Fact]
    public void Runs_of_spaces_in_names_are_collapsed()
    {
        Assert.Equal("Ana María", Valid(Osdi(givenName: "  Ana    María ")).GivenName);
    }

    [Theory]
    [InlineData("=SUM(A1:A9)")]
    [InlineData("+1")]
    [InlineData("-Ana")]
    [InlineData("@Ana")]
    public void Values_starting_like_a_formula_get_a_leading_apostrophe(string value)
    {
        var signature = Valid(Osdi(givenName: value, familyName: value, locality: value, region: value, comments: value));
        Assert.Equal("'" + value, signature.GivenName);
        Assert.Equal("'" + value, signature.FamilyName);
        Assert.Equal("'" + value, signature.Locality);
        Assert.Equal("'" + value, signature.Region);
        Assert.Equal("'" + value, signature.Comments);
    }

    [Theory]
    [InlineData("Ana")]
    [InlineData("O'Brien")]
    [InlineData("Ana-María")]
    [InlineData("1 Main St = home")]
    public void Other_values_are_untouched(string value)
    {
        var signature = Valid(Osdi(givenName: value, familyName: value, locality: value, region: value, comments: value));
        Assert.Equal(value, signature.GivenName);
        Assert.Equal(value, signature.FamilyName);
        Assert.Equal(value, signature.Locality);
        Assert.Equal(value, signature.Region);
        Assert.Equal(value, signature.Comments);
    }

    [Theory]
    [InlineData("es-MX", Language.En, Language.Es)]
    [InlineData("es", Language.En, Language.Es)]
    [InlineData("EN", Language.Es, Language.En)]
    [InlineData("fr", Language.Es, Language.Es)]
    [InlineData("fr", Language.En, Language.En)]
    [InlineData(null, Language.Es, Language.Es)]
    public void Language_comes_from_the_submission_or_the_fallback(string? tag, Language fallback, Language expected) =>
        Assert.Equal(expected, Valid(Osdi(language: tag), fallback).Language);

    [Theory]
    [InlineData(ThankYou)]
    [InlineData(ThankYou + "?ref=newsletter")]
    [InlineData("HTTPS://PARTNER.EXAMPLE/thank-you")]
    public void A_form_post_keeps_an_allowed_return_url(string requested)
    {
        var signature = Valid(Form(returnUrl: requested));
        Assert.NotNull(signature.ReturnUrl);
        Assert.Equal(new Uri(requested), signature.ReturnUrl);
    }

    [Fact]
    public void A_form_post_keeps_the_query_of_an_allowed_return_url()
    {
        var signature = Valid(Form(returnUrl: ThankYou + "?ref=newsletter"));
        Assert.Equal("?ref=newsletter", signature.ReturnUrl!.Query);
    }

    [Theory]
    [InlineData("https://evil.example/thank-you")]
    [InlineData("https://partner.example@evil.example/thank-you")]
    [InlineData("https://user@partner.example/thank-you")]
    [InlineData("http://partner.example/thank-you")]
    [InlineData("https://partner.example/other-page")]
    [InlineData("https://partner.example/THANK-YOU")]
    [InlineData("https://partner.example:8443/thank-you")]
    [InlineData("/thank-you")]
    [InlineData("javascript:alert(1)")]
    public void A_form_post_with_another_return_url_is_an_error_on_return_url(string requested)
    {
        var errors = Invalid(Form(returnUrl: requested));
        Assert.Equal(["return_url"], errors.Keys);
        Assert.Equal(["This return address is not allowed for this campaign."], errors["return_url"]);
    }

    [Fact]
    public void A_form_post_without_return_url_uses_the_campaigns_first()
    {
        var campaign = NewCampaign(ThankYou, "https://partner.example/gracias");
        var (signature, errors) = SignatureRules.Validate(Form(), campaign, Language.En, Now);
        Assert.True(errors.IsEmpty);
        Assert.Equal(new Uri(ThankYou), signature!.ReturnUrl);
    }

    [Fact]
    public void A_form_post_may_name_any_of_the_allowed_return_urls()
    {
        var campaign = NewCampaign(ThankYou, "https://partner.example/gracias");
        var (signature, _) = SignatureRules.Validate(Form("https://partner.example/gracias"), campaign, Language.En, Now);
        Assert.Equal(new Uri("https://partner.example/gracias"), signature!.ReturnUrl);
    }

    [Theory]
    [InlineData("https://evil.example/thank-you")]
    [InlineData(ThankYou)]
    [InlineData(null)]
    public void Json_submissions_ignore_return_url(string? requested)
    {
        var signature = Valid(Osdi(returnUrl: requested));
        Assert.Null(signature.ReturnUrl);
    }

    [Theory]
    [InlineData("sw1a 1aa", "SW1A 1AA")]
    [InlineData("k1a0b1", "K1A0B1")]
    [InlineData(" 90210 ", "90210")]
    public void Postal_code_is_upper_cased(string typed, string expected) =>
        Assert.Equal(expected, Valid(Osdi(postalCode: typed)).PostalCode);

    [Theory]
    [InlineData("9021$")]
    [InlineData("-90210")]
    [InlineData("1234567890123")]
    public void Invalid_postal_codes_are_rejected(string postalCode) =>
        Assert.Contains("person.postal_addresses[0].postal_code", Invalid(Osdi(postalCode: postalCode)).Keys);

    [Theory]
    [InlineData("Newsletter_2024", "newsletter_2024")]
    [InlineData("Partner.Site-A", "partner.site-a")]
    public void Source_is_lower_cased(string source, string expected) =>
        Assert.Equal(expected, Valid(Osdi(source: source)).Source);

    [Theory]
    [InlineData("news letter", "news-letter")]
    [InlineData("a/b", "a-b")]
    [InlineData("<script>", "script")]
    [InlineData("ñandú", "nandu")]
    [InlineData("email/2026-05 blast:es", "email-2026-05-blast-es")]
    [InlineData("  Email / 2026-05  Blast : ES  ", "email-2026-05-blast-es")]
    [InlineData("Campaña de Otoño—Facebook", "campana-de-otono-facebook")]
    [InlineData("=HYPERLINK(\"http://evil.example\")", "hyperlink-http-evil.example")]
    [InlineData("../../etc/passwd", "etc-passwd")]
    [InlineData("part\0ner\u202E", "part-ner")]
    [InlineData("🎉 launch 🎉", "launch")]
    public void Sources_outside_the_alphabet_are_folded_into_a_stored_code_never_refused(string source, string expected) =>
        Assert.Equal(expected, Valid(Osdi(source: source)).Source);

    [Theory]
    [InlineData("///")]
    [InlineData(" : ")]
    [InlineData("日本語")]
    public void A_source_with_nothing_left_after_folding_is_no_source(string source) =>
        Assert.Null(Valid(Osdi(source: source)).Source);

    [Fact]
    public void A_long_source_is_cut_to_the_limit_without_a_trailing_separator()
    {
        var code = Valid(Osdi(source: new string('s', 63) + "/tail" + new string('x', 500))).Source!;
        Assert.Equal(new string('s', 63), code);
        Assert.Equal(64, Valid(Osdi(source: new string('Ü', 100))).Source!.Length);
    }

    [Fact]
    public void A_missing_source_is_null() => Assert.Null(Valid(Osdi(source: null)).Source);

    [Fact]
    public void Email_is_canonicalised_for_dedupe_but_kept_as_typed()
    {
        var signature = Valid(Osdi(email: "Ana.Perez+x@GMail.com"));
        Assert.Equal("Ana.Perez+x@GMail.com", signature.Email);
        Assert.Equal("anaperez@gmail.com", signature.CanonicalEmail);
    }

    [Fact]
    public void Messages_come_out_in_spanish()
    {
        var errors = Invalid(Form("https://evil.example/") with
        {
            GivenName = null,
            FamilyName = new string('a', 101),
            Email = "nope",
        }, Language.Es);
        Assert.Equal(["Este campo es obligatorio."], errors["given_name"]);
        Assert.Equal(["Use como máximo 100 caracteres."], errors["family_name"]);
        Assert.Equal(["Escriba un correo electrónico válido, como nombre@ejemplo.org."], errors["email"]);
        Assert.False(errors.ContainsKey("source"));
        Assert.Equal(["Esta dirección de regreso no está autorizada para la campaña."], errors["return_url"]);
    }

    [Fact]
    public void Earlier_errors_are_kept_and_make_the_submission_invalid()
    {
        var earlier = new FieldErrors();
        earlier.Add("email", FieldMessages.Repeated);
        var (signature, errors) = SignatureRules.Validate(Form(), NewCampaign(), Language.En, Now, earlier);
        Assert.Null(signature);
        Assert.Equal(["This field appears more than once."], errors.In(Language.En)["email"]);
    }
}
