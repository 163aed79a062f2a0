using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;

namespace PetitionFunctions.Tests.Endorsements;

public class EndorsementParserTests
{
    [Fact]
    public void Json_reads_the_organisation_its_signer_and_the_consent()
    {
        var parsed = EndorsementParser.Parse(new RequestBody(BodyFormat.Json, """
            {"organization":{"name":"NYIC","website":"nyic.org","scope":"state","region":"NY","legal_status":"501(c)(3)"},
             "signer":{"name":"María","title":"Director","email":"maria@nyic.org","phone":"212 555 0100"},
             "list_publicly":true,"language":"es","referrer_data":{"source":"partner-x"}}
            """));

        Assert.True(parsed.Errors.IsEmpty);
        var s = parsed.Submission!;
        Assert.Equal(("NYIC", "nyic.org", "state", "501(c)(3)"), (s.OrganizationName, s.Website, s.Scope, s.LegalStatus));
        Assert.Equal(("María", "Director", "maria@nyic.org", "212 555 0100"), (s.SignerName, s.SignerTitle, s.SignerEmail, s.SignerPhone));
        Assert.True(s.ListPublicly);
        Assert.Equal("es", s.Language);
        Assert.Equal("partner-x", s.Source);
        Assert.False(s.IsFormPost);
    }

    [Fact]
    public void Json_with_only_a_person_is_an_individual_s_and_a_consent_that_is_not_a_boolean_is_an_error()
    {
        var parsed = EndorsementParser.Parse(new RequestBody(BodyFormat.Json, """{"person":{"name":"Juan","email":5},"list_publicly":"yes"}"""));

        Assert.Equal("individual", parsed.Submission!.Type);
        Assert.Equal(["list_publicly", "person.email"], parsed.Errors.In(Language.En).Keys.Order());
    }

    [Theory]
    [InlineData("{\"organization\": {")]
    [InlineData("[1]")]
    public void A_body_that_is_not_a_json_object_is_malformed(string body) =>
        Assert.True(EndorsementParser.Parse(new RequestBody(BodyFormat.Json, body)).Malformed);

    [Fact]
    public void A_form_s_unticked_consent_is_a_no_and_a_repeated_field_an_error()
    {
        var unticked = EndorsementParser.Parse(new RequestBody(BodyFormat.Form, "organization_name=NYIC&website=nyic.org"));
        var ticked = EndorsementParser.Parse(new RequestBody(BodyFormat.Form, "organization_name=NYIC&list_publicly=on&return_url=https%3A%2F%2Fp.example%2F"));
        var repeated = EndorsementParser.Parse(new RequestBody(BodyFormat.Form, "scope=local&scope=state"));

        Assert.False(unticked.Submission!.ListPublicly);
        Assert.True(ticked.Submission!.ListPublicly);
        Assert.True(ticked.Submission.IsFormPost);
        Assert.Equal("https://p.example/", ticked.Submission.ReturnUrl);
        Assert.Equal(["scope"], repeated.Errors.In(Language.En).Keys);
    }
}
