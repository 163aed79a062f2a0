using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Stories;

namespace PetitionFunctions.Tests.Stories;

public class StoryRulesTests
{
    private static readonly Campaign Campaign = DemoCampaigns.All.Single(c => c.Kind == CampaignKind.Stories);

    private static (ValidStory? Story, IReadOnlyDictionary<string, string[]> Errors) Check(RequestBody body, Language fallback = Language.En)
    {
        var parsed = StoryRules.Parse(body);
        Assert.False(parsed.Malformed);
        var (story, errors) = StoryRules.Validate(parsed.Submission!, Campaign, fallback, parsed.Errors);
        return (story, errors.In(Language.En));
    }

    private static RequestBody Json(string json) => new(BodyFormat.Json, json);

    private static RequestBody Form(string form) => new(BodyFormat.Form, form);

    [Fact]
    public void A_full_json_story_is_read_and_tidied()
    {
        var (story, errors) = Check(Json("""
            {"story":"  Me detuvieron en un retén.  ","language":"es","name":" Ana   Pérez ","contact":"ana@example.org",
             "county_or_city":"Condado de Suffolk","consent":"publish_with_name","may_contact":true,"send_confirmation":true}
            """));

        Assert.Empty(errors);
        Assert.Equal(new ValidStory("Me detuvieron en un retén.", Language.Es, "Ana Pérez", "ana@example.org", true, "Condado de Suffolk",
            ConsentTier.PublishWithName, true, true, null), story);
    }

    [Fact]
    public void Unknown_fields_such_as_immigration_status_are_ignored_and_not_kept()
    {
        var (story, errors) = Check(Json("""{"story":"Texto","consent":"internal","immigration_status":"undocumented","a_number":"A123"}"""));

        Assert.Empty(errors);
        Assert.DoesNotContain("undocumented", story!.ToString());
        Assert.DoesNotContain("A123", story.ToString());
    }

    [Fact]
    public void The_story_and_the_consent_are_required_and_every_problem_is_one_entry_per_field()
    {
        var (story, errors) = Check(Json("""{"language":"fr","name":5,"may_contact":"yes"}"""));

        Assert.Null(story);
        Assert.Equal(["consent", "language", "may_contact", "name", "story"], errors.Keys.Order().ToArray());
        Assert.All(errors.Values, messages => Assert.Single(messages));
    }

    [Fact]
    public void A_story_may_be_10000_characters_and_no_more()
    {
        Assert.NotNull(Check(Json($$"""{"story":"{{new string('a', 10_000)}}","consent":"internal"}""")).Story);
        var (story, errors) = Check(Json($$"""{"story":"{{new string('a', 10_001)}}","consent":"internal"}"""));
        Assert.Null(story);
        Assert.Equal("Use at most 10000 characters.", errors["story"].Single());
    }

    [Theory]
    [InlineData("publish_with_name", "publish_with_name")]
    [InlineData("PUBLISH_ANONYMOUSLY", "publish_anonymously")]
    [InlineData("target_only", "target_only")]
    [InlineData(" internal ", "internal")]
    public void The_four_consent_tiers_are_read(string given, string expected)
    {
        var (story, _) = Check(Json($$"""{"story":"x","name":"Ana","consent":"{{given}}"}"""));
        Assert.Equal(expected, story!.Consent.Code());
    }

    [Fact]
    public void Publishing_with_a_name_needs_a_name()
    {
        var (_, errors) = Check(Json("""{"story":"x","consent":"publish_with_name"}"""));
        Assert.Equal(["name"], errors.Keys);
    }

    [Theory]
    [InlineData("+1 (718) 555-0134", true, false)]
    [InlineData("718.555.0134", true, false)]
    [InlineData("ana@example.org", true, true)]
    [InlineData("ana@@example", false, false)]
    [InlineData("555-01", false, false)]
    [InlineData("call me maybe", false, false)]
    public void A_contact_is_an_email_address_or_a_phone_number(string contact, bool valid, bool isEmail)
    {
        var (story, errors) = Check(Json($$"""{"story":"x","consent":"internal","contact":"{{contact}}"}"""));
        Assert.Equal(valid, story is not null);
        if (valid) Assert.Equal(isEmail, story!.ContactIsEmail);
        else Assert.Equal(["contact"], errors.Keys);
    }

    [Fact]
    public void Being_contacted_needs_a_contact_and_a_confirmation_email_needs_an_email_address()
    {
        Assert.Equal(["contact"], Check(Json("""{"story":"x","consent":"internal","may_contact":true}""")).Errors.Keys);
        Assert.Equal(["contact"], Check(Json("""{"story":"x","consent":"internal","contact":"7185550134","send_confirmation":true}""")).Errors.Keys);
        Assert.NotNull(Check(Json("""{"story":"x","consent":"internal","contact":"7185550134","may_contact":true}""")).Story);
    }

    [Fact]
    public void The_language_defaults_to_the_requests()
    {
        Assert.Equal(Language.Es, Check(Json("""{"story":"x","consent":"internal"}"""), Language.Es).Story!.Language);
    }

    [Fact]
    public void A_form_post_reads_checkboxes_and_returns_to_an_allowed_page()
    {
        var (story, errors) = Check(Form("story=Mi+historia&consent=target_only&may_contact=on&contact=ana%40example.org&return_url=https%3A%2F%2Fpartner.example%2Fthank-you"));

        Assert.Empty(errors);
        Assert.True(story!.MayContact);
        Assert.False(story.SendConfirmation);
        Assert.Equal("https://partner.example/thank-you", story.ReturnUrl!.AbsoluteUri);
    }

    [Fact]
    public void A_form_post_with_a_foreign_return_url_a_repeated_field_or_a_bad_checkbox_is_refused()
    {
        var (_, errors) = Check(Form("story=a&story=b&consent=internal&may_contact=perhaps&return_url=https%3A%2F%2Fevil.example%2F"));
        Assert.Equal(["may_contact", "return_url", "story"], errors.Keys.Order().ToArray());
    }

    [Fact]
    public void Malformed_json_is_malformed()
    {
        Assert.True(StoryRules.Parse(Json("{\"story\":")).Malformed);
        Assert.True(StoryRules.Parse(Json("[]")).Malformed);
        Assert.True(StoryRules.Parse(Json("""{"story":"a","story":"b"}""")).Malformed);
    }

    [Theory]
    [InlineData(ConsentTier.PublishWithName, true, true)]
    [InlineData(ConsentTier.PublishAnonymously, true, true)]
    [InlineData(ConsentTier.TargetOnly, false, true)]
    [InlineData(ConsentTier.Internal, false, false)]
    public void What_each_consent_tier_allows(ConsentTier tier, bool publish, bool deliver)
    {
        Assert.Equal(publish, StoryRules.AllowsPublishing(tier));
        Assert.Equal(deliver, StoryRules.AllowsDelivery(tier));
        Assert.Equal(publish, StoryRules.CheckApproval(tier, redacted: true, publish: true, includeInDelivery: false).IsEmpty);
        Assert.Equal(deliver, StoryRules.CheckApproval(tier, redacted: true, publish: false, includeInDelivery: true).IsEmpty);
    }

    [Fact]
    public void Nothing_is_approved_before_it_is_redacted_and_un_approving_is_always_allowed()
    {
        var errors = StoryRules.CheckApproval(ConsentTier.PublishWithName, redacted: false, publish: true, includeInDelivery: true);
        Assert.Equal(["publish"], errors.In(Language.En).Keys);
        Assert.True(StoryRules.CheckApproval(ConsentTier.Internal, redacted: false, publish: false, includeInDelivery: false).IsEmpty);
    }

    [Fact]
    public void The_name_is_shown_only_to_those_the_writer_chose_to_be_named_to()
    {
        Assert.Equal("Ana", StoryRules.ShownName(ConsentTier.PublishWithName, "Ana"));
        Assert.Null(StoryRules.ShownName(ConsentTier.PublishAnonymously, "Ana"));
        Assert.Null(StoryRules.ShownName(ConsentTier.TargetOnly, "Ana"));
        Assert.Null(StoryRules.ShownName(ConsentTier.Internal, "Ana"));
    }

    [Fact]
    public void A_redaction_needs_one_language_and_each_may_be_10000_characters()
    {
        var errors = new FieldErrors();
        Assert.Equal((null, "Texto"), StoryRules.ValidateRedaction(null, " Texto ", errors));
        Assert.True(errors.IsEmpty);

        StoryRules.ValidateRedaction(" ", null, errors);
        Assert.Equal(["en"], errors.In(Language.En).Keys);

        var tooLong = new FieldErrors();
        StoryRules.ValidateRedaction(null, new string('a', 10_001), tooLong);
        Assert.Equal(["es"], tooLong.In(Language.En).Keys);
    }

    [Fact]
    public void Stories_are_due_for_deletion_the_retention_period_after_close_unless_published()
    {
        var closed = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);
        Assert.False(StoryRules.IsDueForDeletion(false, closed, 90, closed.AddDays(89)));
        Assert.True(StoryRules.IsDueForDeletion(false, closed, 90, closed.AddDays(90)));
        Assert.False(StoryRules.IsDueForDeletion(true, closed, 90, closed.AddDays(900)));
        Assert.False(StoryRules.IsDueForDeletion(false, null, 90, closed.AddDays(900)));
    }

    [Fact]
    public void A_campaign_closed_at_its_deadline_closed_then_and_one_closed_by_state_alone_has_no_known_time()
    {
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Null(StoryRules.ClosedAt(Campaign, now));
        Assert.Equal(now.AddDays(-3), StoryRules.ClosedAt(Campaign with { Deadline = now.AddDays(-3) }, now));
        Assert.Null(StoryRules.ClosedAt(Campaign with { State = CampaignState.Closed }, now));
        Assert.Equal(now.AddDays(-3), StoryRules.ClosedAt(Campaign with { State = CampaignState.Closed, Deadline = now.AddDays(-3) }, now));
    }

    [Fact]
    public void A_published_story_is_shown_in_the_requested_language_where_there_is_one()
    {
        var both = new PublishedStory(Language.Es, "In English", "En español", null, DateTimeOffset.UnixEpoch);
        var spanishOnly = both with { En = null };
        Assert.Equal((Language.Es, "En español"), both.In(Language.Es));
        Assert.Equal((Language.En, "In English"), both.In(Language.En));
        Assert.Equal((Language.Es, "En español"), spanishOnly.In(Language.En));
        Assert.Equal("En español", new RedactedStory("id", Language.Es, null, "En español", null, DateTimeOffset.UnixEpoch).TextIn(Language.En));
    }
}
