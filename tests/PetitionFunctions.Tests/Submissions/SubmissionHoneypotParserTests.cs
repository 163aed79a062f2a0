using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Stories;

namespace PetitionFunctions.Tests.Submissions;

/// <summary>The <c>homepage_url</c> honeypot of endorsements and stories, as their parsers read it.</summary>
public class SubmissionHoneypotParserTests
{
    private static string? Endorsement(BodyFormat format, string text) => EndorsementParser.Parse(new RequestBody(format, text)).Submission!.Honeypot;

    private static string? Story(BodyFormat format, string text) => StoryRules.Parse(new RequestBody(format, text)).Submission!.Honeypot;

    [Theory]
    [InlineData("""{"homepage_url":"http://x.example"}""", true)]
    [InlineData("""{"homepage_url":1}""", true)]
    [InlineData("""{"homepage_url":[]}""", true)]
    [InlineData("""{"homepage_url":""}""", false)]
    [InlineData("""{"homepage_url":null}""", false)]
    [InlineData("""{"homepage_url":false}""", false)]
    [InlineData("""{"website":"http://x.example"}""", false)]
    [InlineData("""{"organization":{"website":"https://nyic.org","homepage_url":"x"}}""", false)]
    public void A_JSON_honeypot_is_filled_by_any_top_level_value_but_empty_ones(string body, bool filled)
    {
        Assert.Equal(filled, !string.IsNullOrEmpty(Endorsement(BodyFormat.Json, body)));
        Assert.Equal(filled, !string.IsNullOrEmpty(Story(BodyFormat.Json, body)));
    }

    [Fact]
    public void A_form_honeypot_is_homepage_url_and_the_endorse_forms_website_is_a_real_field()
    {
        Assert.Equal("x", Endorsement(BodyFormat.Form, "homepage_url=x&website=nyic.org"));
        Assert.Null(Endorsement(BodyFormat.Form, "website=nyic.org"));
        Assert.Equal("", Story(BodyFormat.Form, "story=hi&homepage_url="));
        Assert.Equal("y", Story(BodyFormat.Form, "story=hi&homepage_url=y"));
        Assert.Null(Story(BodyFormat.Form, "story=hi&website=y"));
    }
}
