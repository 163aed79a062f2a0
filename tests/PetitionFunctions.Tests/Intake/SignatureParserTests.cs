using PetitionFunctions.Common;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Intake;

public class SignatureParserTests
{
    private static ParsedSignature Json(string text) => SignatureParser.Parse(new RequestBody(BodyFormat.Json, text));

    private static ParsedSignature Form(string text) => SignatureParser.Parse(new RequestBody(BodyFormat.Form, text));

    private const string FullOsdi = """
        {
          "person": {
            "given_name": "Ana",
            "family_name": "Pérez",
            "preferred_language": "es-MX",
            "email_addresses": [ { "address": "ana@example.org" } ],
            "postal_addresses": [ { "postal_code": "90210", "locality": "Springfield", "region": "CA" } ]
          },
          "comments": "Please act.",
          "referrer_data": { "source": "newsletter" }
        }
        """;

    [Fact]
    public void Osdi_body_maps_every_field()
    {
        var parsed = Json(FullOsdi);
        Assert.False(parsed.Malformed);
        Assert.True(parsed.Errors.IsEmpty);
        var s = parsed.Submission!;
        Assert.Same(SignatureFieldNames.Osdi, s.Names);
        Assert.False(s.IsFormPost);
        Assert.Equal("Ana", s.GivenName);
        Assert.Equal("Pérez", s.FamilyName);
        Assert.Equal("ana@example.org", s.Email);
        Assert.Equal("90210", s.PostalCode);
        Assert.Equal("Springfield", s.Locality);
        Assert.Equal("CA", s.Region);
        Assert.Equal("Please act.", s.Comments);
        Assert.Equal("es-MX", s.Language);
        Assert.Equal("newsletter", s.Source);
        Assert.Null(s.ReturnUrl);
    }

    [Fact]
    public void Osdi_body_picks_the_primary_email_over_the_first()
    {
        var parsed = Json("""
            { "person": { "email_addresses": [
                { "address": "first@example.org" },
                { "address": "primary@example.org", "primary": true },
                { "address": "third@example.org" } ] } }
            """);
        Assert.Equal("primary@example.org", parsed.Submission!.Email);
    }

    [Fact]
    public void Osdi_body_without_a_primary_email_takes_the_first()
    {
        var parsed = Json("""
            { "person": { "email_addresses": [
                { "address": "first@example.org", "primary": false },
                { "address": "second@example.org" } ] } }
            """);
        Assert.Equal("first@example.org", parsed.Submission!.Email);
    }

    [Fact]
    public void Osdi_body_picks_the_primary_postal_address()
    {
        var parsed = Json("""
            { "person": { "postal_addresses": [
                { "postal_code": "11111" },
                { "postal_code": "22222", "primary": true } ] } }
            """);
        Assert.Equal("22222", parsed.Submission!.PostalCode);
    }

    [Fact]
    public void An_empty_object_is_a_submission_with_no_values()
    {
        var parsed = Json("{}");
        Assert.False(parsed.Malformed);
        Assert.True(parsed.Errors.IsEmpty);
        Assert.Null(parsed.Submission!.GivenName);
        Assert.Null(parsed.Submission.Email);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"person\": }")]
    [InlineData("given_name=Ana")]
    [InlineData("")]
    public void Malformed_json_is_malformed_with_an_error_under_body(string text)
    {
        var parsed = Json(text);
        Assert.True(parsed.Malformed);
        Assert.Null(parsed.Submission);
        Assert.Equal(["body"], parsed.Errors.In(Language.En).Keys);
        Assert.Equal(["The JSON is not valid."], parsed.Errors.In(Language.En)["body"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[{\"person\": {}}]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_json_root_that_is_not_an_object_is_malformed_with_an_error_under_body(string text)
    {
        var parsed = Json(text);
        Assert.True(parsed.Malformed);
        Assert.Null(parsed.Submission);
        Assert.Equal(["This must be a JSON object."], parsed.Errors.In(Language.En)["body"]);
    }

    [Fact]
    public void Json_nested_too_deep_is_malformed()
    {
        var text = new string('[', 40) + new string(']', 40);
        var parsed = Json("{\"comments\":" + text + "}");
        Assert.True(parsed.Malformed);
        Assert.True(parsed.Errors.Has("body"));
    }

    [Fact]
    public void A_number_where_text_is_expected_is_a_field_error()
    {
        var parsed = Json("""{ "person": { "given_name": 5, "family_name": "Pérez" } }""");
        Assert.False(parsed.Malformed);
        Assert.Equal(["This must be text."], parsed.Errors.In(Language.En)["person.given_name"]);
        Assert.False(parsed.Errors.Has("person.family_name"));
        Assert.Null(parsed.Submission!.GivenName);
        Assert.Equal("Pérez", parsed.Submission.FamilyName);
    }

    [Fact]
    public void An_object_where_a_list_is_expected_is_a_field_error()
    {
        var parsed = Json("""{ "person": { "email_addresses": { "address": "ana@example.org" } } }""");
        Assert.False(parsed.Malformed);
        Assert.Equal(["This must be a list."], parsed.Errors.In(Language.En)["person.email_addresses"]);
        Assert.Null(parsed.Submission!.Email);
    }

    [Fact]
    public void A_list_where_an_object_is_expected_is_a_field_error()
    {
        var parsed = Json("""{ "person": [ { "given_name": "Ana" } ], "referrer_data": "newsletter" }""");
        Assert.False(parsed.Malformed);
        var errors = parsed.Errors.In(Language.En);
        Assert.Equal(["This must be a JSON object."], errors["person"]);
        Assert.Equal(["This must be a JSON object."], errors["referrer_data"]);
    }

    [Fact]
    public void Wrong_types_in_several_places_give_errors_in_spanish_too()
    {
        var parsed = Json("""{ "person": { "given_name": true, "email_addresses": { } }, "comments": ["x"] }""");
        var errors = parsed.Errors.In(Language.Es);
        Assert.Equal(["Debe ser texto."], errors["person.given_name"]);
        Assert.Equal(["Debe ser una lista."], errors["person.email_addresses"]);
        Assert.Equal(["Debe ser texto."], errors["comments"]);
    }

    [Fact]
    public void Null_values_are_treated_as_missing()
    {
        var parsed = Json("""{ "person": { "given_name": null, "email_addresses": null }, "referrer_data": null }""");
        Assert.True(parsed.Errors.IsEmpty);
        Assert.Null(parsed.Submission!.GivenName);
        Assert.Null(parsed.Submission.Email);
    }

    [Fact]
    public void Json_return_url_is_not_read()
    {
        var parsed = Json("""{ "return_url": "https://evil.example/", "person": { "given_name": "Ana" } }""");
        Assert.Null(parsed.Submission!.ReturnUrl);
    }

    [Fact]
    public void Form_body_maps_every_field()
    {
        var parsed = Form("given_name=Ana&family_name=P%C3%A9rez&email=ana%40example.org&postal_code=90210&locality=Springfield"
                          + "&region=CA&comments=Please+act.&language=es&source=newsletter&return_url=https%3A%2F%2Fpartner.example%2Fthank-you");
        Assert.False(parsed.Malformed);
        Assert.True(parsed.Errors.IsEmpty);
        var s = parsed.Submission!;
        Assert.Same(SignatureFieldNames.Form, s.Names);
        Assert.True(s.IsFormPost);
        Assert.Equal("Ana", s.GivenName);
        Assert.Equal("Pérez", s.FamilyName);
        Assert.Equal("ana@example.org", s.Email);
        Assert.Equal("90210", s.PostalCode);
        Assert.Equal("Springfield", s.Locality);
        Assert.Equal("CA", s.Region);
        Assert.Equal("Please act.", s.Comments);
        Assert.Equal("es", s.Language);
        Assert.Equal("newsletter", s.Source);
        Assert.Equal("https://partner.example/thank-you", s.ReturnUrl);
    }

    [Fact]
    public void Form_values_are_percent_decoded()
    {
        var parsed = Form("email=ana%40example.org&given_name=Ana%20Mar%C3%ADa");
        Assert.Equal("ana@example.org", parsed.Submission!.Email);
        Assert.Equal("Ana María", parsed.Submission.GivenName);
    }

    [Fact]
    public void A_repeated_form_field_is_an_error_for_that_field()
    {
        var parsed = Form("email=a%40example.org&email=b%40example.org&given_name=Ana");
        Assert.False(parsed.Malformed);
        var errors = parsed.Errors.In(Language.En);
        Assert.Equal(["email"], errors.Keys);
        Assert.Equal(["This field appears more than once."], errors["email"]);
    }

    [Fact]
    public void Missing_form_fields_are_null_and_unknown_fields_ignored()
    {
        var parsed = Form("given_name=Ana&favourite_colour=blue");
        Assert.True(parsed.Errors.IsEmpty);
        Assert.Equal("Ana", parsed.Submission!.GivenName);
        Assert.Null(parsed.Submission.Email);
        Assert.Null(parsed.Submission.ReturnUrl);
    }

    [Fact]
    public void A_json_field_given_twice_makes_the_body_malformed()
    {
        var parsed = SignatureParser.Parse(new RequestBody(BodyFormat.Json, """{"person":{"given_name":"A","given_name":"B"}}"""));

        Assert.True(parsed.Malformed);
        Assert.True(parsed.Errors.Has("body"));
    }

    [Theory]
    [InlineData("""{"referrer_data":{"source":"osdi-code"},"action_network:referrer_data":{"source":"an-code"}}""", "osdi-code")]
    [InlineData("""{"action_network:referrer_data":{"source":"email/2026-05 blast:es","referrer":"group-x","website":"https://an.example"}}""", "email/2026-05 blast:es")]
    [InlineData("""{"referrer_data":{"source":"  "},"action_network:referrer_data":{"source":"an-code"}}""", "an-code")]
    [InlineData("""{"referrer_data":{"referrer":"someone"},"action_network:referrer_data":{"source":"an-code"}}""", "an-code")]
    [InlineData("""{"referrer_data":{"source":2026}}""", "2026")]
    [InlineData("""{"referrer_data":{"source":["a"]}}""", null)]
    [InlineData("""{}""", null)]
    public void The_source_comes_from_OSDI_referrer_data_else_Action_Network_s_and_its_type_is_never_an_error(string body, string? source)
    {
        var parsed = Json(body);
        Assert.True(parsed.Errors.IsEmpty);
        Assert.Equal(source, parsed.Submission!.Source);
    }

    [Theory]
    [InlineData("""{"preferred_language":"es","languages_spoken":["en"]}""", "es")]
    [InlineData("""{"languages_spoken":["es-MX","en"]}""", "es-MX")]
    [InlineData("""{"languages_spoken":["fr","zh-Hant",7,null,"en-US","es"]}""", "en-US")]
    [InlineData("""{"preferred_language":"fr","languages_spoken":["es"]}""", "es")]
    [InlineData("""{"preferred_language":"fr","languages_spoken":["de"]}""", "fr")]
    [InlineData("""{"languages_spoken":"es"}""", null)]
    [InlineData("""{"languages_spoken":[]}""", null)]
    public void The_language_is_preferred_language_else_the_first_usable_languages_spoken_entry(string person, string? language)
    {
        var parsed = Json($$"""{"person":{{person}}}""");
        Assert.True(parsed.Errors.IsEmpty);
        Assert.Equal(language, parsed.Submission!.Language);
    }
}
