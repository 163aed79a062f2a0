using PetitionFunctions.Access;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Admin;

public class AdminCampaignRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CampaignInput Complete(string state = "open") => new()
    {
        Slug = "clean-water",
        Kind = "petition",
        State = state,
        Title = new("Clean water", "Agua limpia"),
        Description = new("Water for all.", "Agua para todos."),
        CallToAction = new("Sign", "Firme"),
        Target = new("Office of the Mayor", "Mayor", "mayor@town.example"),
        Goal = 1000,
        StretchGoals = [2000, 5000],
        Deadline = Now.AddDays(30),
        AllowedOrigins = ["https://partner.example", "http://localhost:8080"],
        ReturnUrls = ["https://partner.example/thank-you"],
        OwnerEmail = "organiser@coalition.example",
        LetterText = new("Dear Mayor,", "Estimado alcalde:"),
    };

    private static Campaign Stored(CampaignState state = CampaignState.Draft) =>
        CampaignRules.Validate(Complete("draft"), Now).Campaign! with { State = state };

    private static Campaign Valid(CampaignInput input, Campaign? existing = null)
    {
        var (campaign, errors) = CampaignRules.Validate(input, Now, existing);
        Assert.True(errors.IsEmpty, "Unexpected errors: " + string.Join("; ", errors.In(Language.En).Select(e => $"{e.Key}: {e.Value[0]}")));
        return campaign!;
    }

    private static FieldErrors Invalid(CampaignInput input, Campaign? existing = null)
    {
        var (campaign, errors) = CampaignRules.Validate(input, Now, existing);
        Assert.Null(campaign);
        Assert.False(errors.IsEmpty);
        return errors;
    }

    /// <summary>The field has exactly the expected message, in English and in Spanish, and they differ.</summary>
    private static void AssertMessage(FieldErrors errors, string field, Func<Language, string> expected)
    {
        Assert.Equal(expected(Language.En), Assert.Single(errors.In(Language.En)[field]));
        Assert.Equal(expected(Language.Es), Assert.Single(errors.In(Language.Es)[field]));
        Assert.NotEqual(expected(Language.En), expected(Language.Es));
    }

    [Fact]
    public void A_complete_document_makes_the_campaign_with_every_field()
    {
        var campaign = Valid(Complete());

        Assert.Equal("clean-water", campaign.Slug);
        Assert.Equal(CampaignKind.Petition, campaign.Kind);
        Assert.Equal(CampaignState.Open, campaign.State);
        Assert.Equal("Agua limpia", campaign.Title.Es);
        Assert.Equal(new CampaignTarget("Office of the Mayor", "Mayor", "mayor@town.example"), campaign.Target);
        Assert.Equal([2000, 5000], campaign.StretchGoals);
        Assert.Equal(["https://partner.example", "http://localhost:8080"], campaign.AllowedOrigins);
        Assert.Equal(["https://partner.example/thank-you"], campaign.ReturnUrls);
        Assert.Equal("organiser@coalition.example", campaign.OwnerEmail);
        Assert.Equal("Estimado alcalde:", campaign.LetterText!.Es);
    }

    [Fact]
    public void A_new_campaign_is_a_draft_unless_it_asks_to_open()
    {
        Assert.Equal(CampaignState.Draft, Valid(Complete() with { State = null }).State);
        Assert.Equal(CampaignState.Draft, Valid(Complete("draft")).State);
        Assert.Equal(CampaignState.Open, Valid(Complete("OPEN")).State);
    }

    [Fact]
    public void A_draft_may_lack_its_texts_in_either_language()
    {
        var draft = Valid(Complete("draft") with
        {
            Title = new("Clean water", null),
            Description = null,
            CallToAction = new(null, "  "),
            LetterText = null,
        });

        Assert.Equal("", draft.Title.Es);
        Assert.Equal(new LocalizedText("", ""), draft.Description);
        Assert.Null(draft.LetterText);
    }

    [Fact]
    public void Opening_needs_title_description_and_call_to_action_in_both_languages()
    {
        var errors = Invalid(Complete() with { Title = new("Clean water", null), Description = new(null, "Agua para todos."), CallToAction = null });

        AssertMessage(errors, "title.es", AdminMessages.RequiredToOpen);
        AssertMessage(errors, "description.en", AdminMessages.RequiredToOpen);
        AssertMessage(errors, "call_to_action.en", AdminMessages.RequiredToOpen);
        AssertMessage(errors, "call_to_action.es", AdminMessages.RequiredToOpen);
        Assert.Equal(4, errors.In(Language.En).Count);
    }

    [Fact]
    public void Opening_problems_of_a_stored_draft_name_each_missing_text()
    {
        var draft = Stored() with { Title = new("Clean water", ""), Description = new("Water", " ") };

        var errors = CampaignRules.OpeningProblems(draft, Now);

        Assert.Equal(["description.es", "title.es"], errors.In(Language.En).Keys.Order());
        AssertMessage(errors, "title.es", AdminMessages.RequiredToOpen);
        Assert.True(CampaignRules.OpeningProblems(Stored(), Now).IsEmpty);
    }

    [Fact]
    public void A_deadline_must_be_ahead_for_an_open_campaign_but_not_for_a_draft()
    {
        AssertMessage(Invalid(Complete() with { Deadline = Now }), "deadline", AdminMessages.DeadlineNotFuture);
        AssertMessage(CampaignRules.OpeningProblems(Stored() with { Deadline = Now.AddMinutes(-1) }, Now), "deadline", AdminMessages.DeadlineNotFuture);
        Assert.Equal(Now.AddDays(-1), Valid(Complete("draft") with { Deadline = Now.AddDays(-1) }).Deadline);
        Assert.Null(Valid(Complete() with { Deadline = null }).Deadline);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void The_slug_is_required(string? slug) =>
        AssertMessage(Invalid(Complete() with { Slug = slug }), "slug", FieldMessages.Required);

    [Theory]
    [InlineData("Clean-Water")]
    [InlineData("-clean")]
    [InlineData("clean-")]
    [InlineData("clean water")]
    [InlineData("agua-limpia-ñ")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public void The_slug_follows_the_pattern(string slug) =>
        AssertMessage(Invalid(Complete() with { Slug = slug }), "slug", AdminMessages.InvalidSlug);

    [Fact]
    public void An_update_keeps_the_slug_of_the_address_and_refuses_another()
    {
        var existing = Stored();

        Assert.Equal("clean-water", Valid(Complete() with { Slug = null }, existing).Slug);
        Assert.Equal("clean-water", Valid(Complete(), existing).Slug);
        AssertMessage(Invalid(Complete() with { Slug = "dirty-water" }, existing), "slug", AdminMessages.SlugMismatch);
    }

    [Fact]
    public void An_update_keeps_the_state_unless_the_document_names_one()
    {
        Assert.Equal(CampaignState.Closed, Valid(Complete() with { State = null }, Stored(CampaignState.Closed)).State);
        Assert.Equal(CampaignState.Closed, Valid(Complete("closed"), Stored(CampaignState.Open)).State);
        AssertMessage(Invalid(Complete() with { State = null, Title = new("Clean water", "") }, Stored(CampaignState.Open)),
            "title.es", AdminMessages.RequiredToOpen);
    }

    [Fact]
    public void Individual_endorsements_and_delivery_settings_are_kept_on_an_update_unless_the_document_sets_them()
    {
        var existing = Stored() with
        {
            AllowsIndividualEndorsements = true,
            Delivery = new PetitionFunctions.Campaigns.DeliverySettings { Every = 500, WeeklyDay = DayOfWeek.Monday },
        };

        var kept = Valid(Complete() with { Goal = 3000, StretchGoals = [] }, existing);
        Assert.True(kept.AllowsIndividualEndorsements);
        Assert.Equal(existing.Delivery, kept.Delivery);
        Assert.False(Valid(Complete()).AllowsIndividualEndorsements);
        Assert.Equal(new PetitionFunctions.Campaigns.DeliverySettings(), Valid(Complete()).Delivery);

        var changed = Valid(Complete() with
        {
            AllowsIndividualEndorsements = false,
            Delivery = new DeliveryInput(OnGoalReached: false, Every: null, WeeklyDay: "Friday", WeeklyHourUtc: 15, AtClose: null),
        }, existing);
        Assert.False(changed.AllowsIndividualEndorsements);
        Assert.Equal(new PetitionFunctions.Campaigns.DeliverySettings { OnGoalReached = false, WeeklyDay = DayOfWeek.Friday, WeeklyHourUtc = 15, AtClose = true },
            changed.Delivery);
    }

    [Fact]
    public void Delivery_settings_are_checked_one_entry_per_field()
    {
        var errors = Invalid(Complete() with { Delivery = new DeliveryInput(null, Every: 0, WeeklyDay: "someday", WeeklyHourUtc: 24, null) });

        AssertMessage(errors, "delivery.every", AdminMessages.OutOfRange(1, CampaignRules.MaxGoal));
        AssertMessage(errors, "delivery.weekly_day", AdminMessages.InvalidWeekday);
        AssertMessage(errors, "delivery.weekly_hour_utc", AdminMessages.OutOfRange(0, 23));
        AssertMessage(Invalid(Complete() with { Delivery = new DeliveryInput(null, null, WeeklyDay: "3", null, null) }),
            "delivery.weekly_day", AdminMessages.InvalidWeekday);
    }

    [Fact]
    public void The_document_an_admin_reads_carries_the_endorsement_and_delivery_settings_in_the_shape_it_accepts()
    {
        var campaign = Stored() with
        {
            AllowsIndividualEndorsements = true,
            Delivery = new PetitionFunctions.Campaigns.DeliverySettings { Every = 250, WeeklyDay = DayOfWeek.Tuesday },
        };

        var json = System.Text.Json.JsonSerializer.Serialize(CampaignDocument.From(campaign), ApiJson.Options);
        var parsed = CampaignRules.Parse(json);

        Assert.Contains("\"allows_individual_endorsements\":true", json);
        Assert.Contains("\"weekly_day\":\"tuesday\"", json);
        Assert.True(parsed.Errors.IsEmpty, string.Join("; ", parsed.Errors.In(Language.En).Keys));
        Assert.Equal(campaign.Delivery, Valid(parsed.Input!, campaign).Delivery);
    }

    [Fact]
    public void The_state_is_a_known_word_and_a_new_campaign_cannot_start_closed()
    {
        AssertMessage(Invalid(Complete("paused")), "state", AdminMessages.InvalidState);
        AssertMessage(Invalid(Complete("closed")), "state", AdminMessages.InvalidNewState);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("poll", "invalid")]
    [InlineData("1", "invalid")]
    public void The_kind_is_petition_letter_or_stories(string? kind, string problem) =>
        AssertMessage(Invalid(Complete() with { Kind = kind }), "kind", problem == "required" ? FieldMessages.Required : AdminMessages.InvalidKind);

    [Theory]
    [InlineData("letter", CampaignKind.Letter)]
    [InlineData("Stories", CampaignKind.Stories)]
    public void Every_kind_is_accepted(string kind, CampaignKind expected) => Assert.Equal(expected, Valid(Complete() with { Kind = kind }).Kind);

    [Fact]
    public void Texts_have_a_length_limit_per_language_and_no_control_characters()
    {
        AssertMessage(Invalid(Complete() with { Title = new(new string('a', CampaignRules.MaxTitleLength + 1), "Agua") }),
            "title.en", FieldMessages.TooLong(CampaignRules.MaxTitleLength));
        AssertMessage(Invalid(Complete() with { CallToAction = new("Sign", new string('a', CampaignRules.MaxCallToActionLength + 1)) }),
            "call_to_action.es", FieldMessages.TooLong(CampaignRules.MaxCallToActionLength));
        AssertMessage(Invalid(Complete("draft") with { LetterText = new(new string('a', CampaignRules.MaxLetterLength + 1), null) }),
            "letter_text.en", FieldMessages.TooLong(CampaignRules.MaxLetterLength));
        AssertMessage(Invalid(Complete() with { Title = new("Clean\u0007water", "Agua") }), "title.en", FieldMessages.ControlCharacters);
        Assert.Equal("Line one.\nLine two.", Valid(Complete() with { Description = new("Line one.\nLine two.", "Uno.\nDos.") }).Description.En);
    }

    [Fact]
    public void The_target_needs_a_name_a_title_and_a_valid_delivery_email_even_in_a_draft()
    {
        var missing = Invalid(Complete("draft") with { Target = null });
        AssertMessage(missing, "target.name", FieldMessages.Required);
        AssertMessage(missing, "target.title", FieldMessages.Required);
        AssertMessage(missing, "target.delivery_email", FieldMessages.Required);

        AssertMessage(Invalid(Complete() with { Target = new("Mayor", "Mayor", "not-an-address") }), "target.delivery_email", FieldMessages.InvalidEmail);
        AssertMessage(Invalid(Complete() with { Target = new(" ", "Mayor", "mayor@town.example") }), "target.name", FieldMessages.Required);
    }

    [Fact]
    public void The_owner_email_is_optional_but_must_be_valid()
    {
        Assert.Null(Valid(Complete() with { OwnerEmail = null }).OwnerEmail);
        AssertMessage(Invalid(Complete() with { OwnerEmail = "owner@" }), "owner_email", FieldMessages.InvalidEmail);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData(0, "positive")]
    [InlineData(-5, "positive")]
    public void The_goal_is_a_whole_number_above_zero(int? goal, string problem) =>
        AssertMessage(Invalid(Complete() with { Goal = goal, StretchGoals = [] }), "goal",
            problem == "required" ? FieldMessages.Required : AdminMessages.GoalNotPositive);

    [Theory]
    [InlineData(new[] { 1000 })]
    [InlineData(new[] { 500 })]
    [InlineData(new[] { 2000, 2000 })]
    [InlineData(new[] { 5000, 2000 })]
    public void Stretch_goals_rise_above_the_goal_in_order(int[] stretchGoals) =>
        AssertMessage(Invalid(Complete() with { StretchGoals = stretchGoals }), "stretch_goals", AdminMessages.StretchGoalOrder);

    [Fact]
    public void At_most_ten_stretch_goals()
    {
        AssertMessage(Invalid(Complete() with { StretchGoals = Enumerable.Range(2, 11).Select(i => i * 1000).ToList() }), "stretch_goals",
            AdminMessages.TooMany(CampaignRules.MaxStretchGoals));
        Assert.Empty(Valid(Complete() with { StretchGoals = null }).StretchGoals);
    }

    [Theory]
    [InlineData("https://partner.example/page")]
    [InlineData("https://partner.example/?q=1")]
    [InlineData("https://partner.example#top")]
    [InlineData("ftp://partner.example")]
    [InlineData("partner.example")]
    [InlineData("https://user@partner.example")]
    [InlineData("/relative")]
    public void Origins_are_absolute_http_origins_without_a_path(string origin) =>
        AssertMessage(Invalid(Complete() with { AllowedOrigins = ["https://ok.example", origin], ReturnUrls = [] }),
            "allowed_origins[1]", AdminMessages.InvalidOrigin);

    [Fact]
    public void Origins_are_stored_as_scheme_host_and_port_once_each()
    {
        var campaign = Valid(Complete() with
        {
            AllowedOrigins = ["https://Partner.Example/", "https://partner.example:443", "http://localhost:8080"],
            ReturnUrls = [],
        });

        Assert.Equal(["https://partner.example", "http://localhost:8080"], campaign.AllowedOrigins);
        AssertMessage(Invalid(Complete() with { AllowedOrigins = [null] }), "allowed_origins[0]", FieldMessages.Required);
    }

    [Theory]
    [InlineData("/thank-you")]
    [InlineData("mailto:someone@partner.example")]
    [InlineData("https://partner.example/thank-you#done")]
    [InlineData("https://me:secret@partner.example/thank-you")]
    public void Return_urls_are_absolute_http_addresses(string url) =>
        AssertMessage(Invalid(Complete() with { ReturnUrls = [url] }), "return_urls[0]", AdminMessages.InvalidUrl);

    [Fact]
    public void A_return_url_must_belong_to_an_allowed_origin()
    {
        AssertMessage(Invalid(Complete() with { ReturnUrls = ["https://partner.example/ok", "https://elsewhere.example/thank-you"] }),
            "return_urls[1]", AdminMessages.ReturnUrlOriginNotAllowed);
        AssertMessage(Invalid(Complete() with { ReturnUrls = ["https://partner.example:8443/thank-you"] }),
            "return_urls[0]", AdminMessages.ReturnUrlOriginNotAllowed);
        Assert.Equal(["http://localhost:8080/thanks?from=form"],
            Valid(Complete() with { ReturnUrls = ["http://localhost:8080/thanks?from=form"] }).ReturnUrls);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_one_entry_per_field()
    {
        var errors = Invalid(new CampaignInput { State = "open" });

        Assert.Equal(
            ["call_to_action.en", "call_to_action.es", "description.en", "description.es", "goal", "kind", "slug",
                "target.delivery_email", "target.name", "target.title", "title.en", "title.es"],
            errors.In(Language.Es).Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.In(Language.Es).Values, messages => Assert.Single(messages));
    }

    [Fact]
    public void A_document_too_large_for_its_table_row_is_refused()
    {
        // Non-ASCII letters are escaped in the stored JSON (six characters each), so the limit is on the serialized text.
        var long_ = new string('ñ', CampaignRules.MaxDescriptionLength);
        AssertMessage(Invalid(Complete() with { Description = new(long_, long_) }), "body",
            AdminMessages.DocumentTooLarge(CampaignRules.MaxDocumentLength));
    }

    [Fact]
    public void Parsing_reads_the_snake_case_document()
    {
        var parsed = CampaignRules.Parse("""
            {"slug":"clean-water","kind":"letter","title":{"en":"Clean water","es":"Agua limpia"},
             "call_to_action":{"en":"Sign","es":"Firme"},"target":{"name":"Mayor","title":"Mayor","delivery_email":"mayor@town.example"},
             "goal":10,"stretch_goals":[20],"deadline":"2026-04-01T00:00:00Z","allowed_origins":["https://partner.example"],
             "return_urls":[],"owner_email":null,"letter_text":{"en":"Dear","es":"Estimado"}}
            """);

        Assert.False(parsed.Malformed);
        Assert.True(parsed.Errors.IsEmpty);
        Assert.Equal("Firme", parsed.Input!.CallToAction!.Es);
        Assert.Equal("mayor@town.example", parsed.Input.Target!.DeliveryEmail);
        Assert.Equal(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), parsed.Input.Deadline);
    }

    [Theory]
    [InlineData("{not json", "malformed")]
    [InlineData("[1,2]", "object")]
    public void A_body_that_is_no_JSON_object_is_malformed(string json, string problem)
    {
        var parsed = CampaignRules.Parse(json);

        Assert.True(parsed.Malformed);
        Assert.Null(parsed.Input);
        AssertMessage(parsed.Errors, "body", problem == "malformed" ? FieldMessages.MalformedJson : FieldMessages.NotAnObject);
    }

    [Theory]
    [InlineData("""{"slug":"a","colour":"red"}""", "colour")]
    [InlineData("""{"slug":"a","title":{"en":"A","fr":"B"}}""", "title.fr")]
    [InlineData("""{"target":{"name":"A","email":"a@b.example"}}""", "target.email")]
    [InlineData("""{"delivery":{"every":10,"daily":true}}""", "delivery.daily")]
    public void Unknown_fields_are_named_rather_than_dropped(string json, string field)
    {
        var parsed = CampaignRules.Parse(json);

        Assert.False(parsed.Malformed);
        Assert.Null(parsed.Input);
        AssertMessage(parsed.Errors, field, AdminMessages.UnknownField);
    }

    [Theory]
    [InlineData("""{"goal":"many"}""", "goal")]
    [InlineData("""{"goal":1.5}""", "goal")]
    [InlineData("""{"title":"Clean water"}""", "title")]
    [InlineData("""{"deadline":"next week"}""", "deadline")]
    [InlineData("""{"stretch_goals":[2000,"x"]}""", "stretch_goals[1]")]
    [InlineData("""{"target":{"delivery_email":42}}""", "target.delivery_email")]
    public void A_value_of_the_wrong_type_is_named_by_its_path(string json, string field)
    {
        var parsed = CampaignRules.Parse(json);

        Assert.False(parsed.Malformed);
        AssertMessage(parsed.Errors, field, AdminMessages.WrongType);
    }
}
