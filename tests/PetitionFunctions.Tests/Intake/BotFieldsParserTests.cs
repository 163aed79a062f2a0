using PetitionFunctions.Common;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Intake;

/// <summary>The honeypot and captcha fields of a signature, as <see cref="SignatureParser"/> reads them.</summary>
public class BotFieldsParserTests
{
    private static SignatureSubmission Json(string text) => SignatureParser.Parse(new RequestBody(BodyFormat.Json, text)).Submission!;

    private static SignatureSubmission Form(string text) => SignatureParser.Parse(new RequestBody(BodyFormat.Form, text)).Submission!;

    [Theory]
    [InlineData("""{"petitionfunctions:homepage_url":"http://x.example"}""", true)]
    [InlineData("""{"petitionfunctions:homepage_url":1}""", true)]
    [InlineData("""{"petitionfunctions:homepage_url":true}""", true)]
    [InlineData("""{"petitionfunctions:homepage_url":{}}""", true)]
    [InlineData("""{"petitionfunctions:homepage_url":""}""", false)]
    [InlineData("""{"petitionfunctions:homepage_url":null}""", false)]
    [InlineData("""{"petitionfunctions:homepage_url":false}""", false)]
    [InlineData("""{"referrer_data":{"website":"https://partner.example"}}""", false)]
    [InlineData("""{}""", false)]
    public void A_JSON_honeypot_is_filled_by_any_value_but_empty_ones_and_OSDI_referrer_website_is_not_it(string body, bool filled) =>
        Assert.Equal(filled, !string.IsNullOrEmpty(Json(body).Honeypot));

    [Theory]
    [InlineData("""{"website":"https://partner.example"}""")]
    [InlineData("""{"website":1}""")]
    [InlineData("""{"homepage_url":"https://partner.example"}""")]
    public void A_JSON_website_is_what_an_OSDI_client_may_send_and_never_the_honeypot(string body)
    {
        Assert.Equal("petitionfunctions:homepage_url", SignatureParser.JsonHoneypotField);
        Assert.Null(Json(body).Honeypot);
    }

    [Fact]
    public void A_form_honeypot_and_the_captcha_token_are_read_from_their_fields()
    {
        Assert.Equal("x", Form("website=x").Honeypot);
        Assert.Equal("", Form("website=").Honeypot);
        Assert.Equal("t1", Form("cf-turnstile-response=t1").CaptchaToken);
        Assert.Equal("t2", Form("h-captcha-response=t2").CaptchaToken);
        Assert.Null(Form("given_name=A").CaptchaToken);
        Assert.Equal("t3", Json("""{"captcha_token":"t3"}""").CaptchaToken);
    }

    [Fact]
    public void A_captcha_token_that_is_not_text_is_a_field_error()
    {
        var parsed = SignatureParser.Parse(new RequestBody(BodyFormat.Json, """{"captcha_token":5}"""));
        Assert.True(parsed.Errors.Has("captcha_token"));
    }
}
