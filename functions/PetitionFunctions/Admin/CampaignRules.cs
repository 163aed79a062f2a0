using System.Text.Json;
using System.Text.Json.Serialization;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>A campaign document read from JSON: the input, or the field problems that stopped it (Malformed: not a JSON object at all).</summary>
public sealed record ParsedCampaign(CampaignInput? Input, FieldErrors Errors, bool Malformed);

/// <summary>
/// What a campaign must look like. A draft may lack its texts; an open campaign has title, description
/// and call to action in both languages and a deadline (if any) in the future. Every problem is one
/// entry under the field's JSON path ("title.es", "allowed_origins[1]"), worded late in the answer's language.
/// </summary>
public static class CampaignRules
{
    public const int MaxTitleLength = 200;
    public const int MaxCallToActionLength = 100;
    public const int MaxDescriptionLength = 4000;
    public const int MaxLetterLength = 8000;
    public const int MaxTargetFieldLength = 200;
    public const int MaxGoal = 100_000_000;
    public const int MaxStretchGoals = 10;
    public const int MaxOrigins = 20;
    public const int MaxReturnUrls = 20;
    public const int MaxUrlLength = 500;

    /// <summary>
    /// The stored document is one string property, which Table Storage caps at 64 KiB (32K UTF-16
    /// characters); the JSON escapes non-ASCII letters, so the serialized length is what is checked.
    /// </summary>
    public const int MaxDocumentLength = 32_000;

    /// <summary>The fields an open campaign needs in both languages.</summary>
    private static readonly (string Field, Func<Campaign, LocalizedText> Text)[] OpeningTexts =
    [
        ("title", c => c.Title),
        ("description", c => c.Description),
        ("call_to_action", c => c.CallToAction),
    ];

    private static readonly LocalizedText Blank = new("", "");

    private static readonly Dictionary<string, CampaignKind> Kinds = Enum.GetValues<CampaignKind>()
        .ToDictionary(k => JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()), StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, CampaignState> States = Enum.GetValues<CampaignState>()
        .ToDictionary(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>The API's JSON style, minus the web defaults' numbers in quotes: "goal": "100" is a wrong type, as "goal": true is.</summary>
    private static readonly JsonSerializerOptions StrictInput = new(ApiJson.Options) { NumberHandling = JsonNumberHandling.Strict };

    /// <summary>Reads a campaign document. Unknown fields are refused (a typo must not silently drop a value); wrong types are named by path.</summary>
    public static ParsedCampaign Parse(string json)
    {
        var errors = new FieldErrors();
        if (JsonBody.Parse(json) is not { } document)
        {
            errors.Add("body", FieldMessages.MalformedJson);
            return new ParsedCampaign(null, errors, Malformed: true);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", FieldMessages.NotAnObject);
                return new ParsedCampaign(null, errors, Malformed: true);
            }
            FlagUnknownFields(document.RootElement, "", errors);
            try
            {
                var input = document.RootElement.Deserialize<CampaignInput>(StrictInput);
                return new ParsedCampaign(errors.IsEmpty ? input : null, errors, Malformed: false);
            }
            catch (JsonException wrongType)
            {
                errors.Add(FieldOf(wrongType.Path), AdminMessages.WrongType);
                return new ParsedCampaign(null, errors, Malformed: false);
            }
        }
    }

    /// <param name="existing">The stored campaign for an update (its slug and state are kept unless the document says otherwise); null to create.</param>
    public static (Campaign? Campaign, FieldErrors Errors) Validate(CampaignInput input, DateTimeOffset now, Campaign? existing = null)
    {
        var errors = new FieldErrors();

        var slug = TextFields.Tidy(input.Slug);
        if (existing is not null)
        {
            if (slug is not null && slug != existing.Slug) errors.Add("slug", AdminMessages.SlugMismatch);
            slug = existing.Slug;
        }
        else if (slug is null) errors.Add("slug", FieldMessages.Required);
        else if (!Campaign.IsValidSlug(slug)) errors.Add("slug", AdminMessages.InvalidSlug);

        var kindText = TextFields.Tidy(input.Kind);
        CampaignKind kind = default;
        if (kindText is null) errors.Add("kind", FieldMessages.Required);
        else if (!Kinds.TryGetValue(kindText, out kind)) errors.Add("kind", AdminMessages.InvalidKind);
        // Fixed like the slug: the stories admin, the retention sweep and an erasure find a campaign's
        // stories, endorsements and signatures by its kind, so a change would strand them.
        else if (existing is not null && kind != existing.Kind) errors.Add("kind", AdminMessages.KindMismatch);

        var state = existing?.State ?? CampaignState.Draft;
        if (TextFields.Tidy(input.State) is { } stateText)
        {
            if (!States.TryGetValue(stateText, out var asked)) errors.Add("state", AdminMessages.InvalidState);
            else if (existing is null && asked == CampaignState.Closed) errors.Add("state", AdminMessages.InvalidNewState);
            else state = asked;
        }

        var title = Localized(input.Title, "title", MaxTitleLength, multiline: false, errors);
        var description = Localized(input.Description, "description", MaxDescriptionLength, multiline: true, errors);
        var callToAction = Localized(input.CallToAction, "call_to_action", MaxCallToActionLength, multiline: false, errors);
        var letter = input.LetterText is null ? null : Localized(input.LetterText, "letter_text", MaxLetterLength, multiline: true, errors);
        if (letter is { En: "", Es: "" }) letter = null;

        var target = new CampaignTarget(
            Text(input.Target?.Name, "target.name", MaxTargetFieldLength, multiline: false, errors, required: true) ?? "",
            Text(input.Target?.Title, "target.title", MaxTargetFieldLength, multiline: false, errors, required: true) ?? "",
            Email(input.Target?.DeliveryEmail, "target.delivery_email", errors, required: true) ?? "");
        var ownerEmail = Email(input.OwnerEmail, "owner_email", errors, required: false);
        var coalition = input.Coalition is { } given
            ? new Coalition(
                Text(given.Name, "coalition.name", MaxTargetFieldLength, multiline: false, errors, required: true) ?? "",
                Email(given.ReplyTo, "coalition.reply_to", errors, required: false),
                Text(given.Contact, "coalition.contact", MaxTargetFieldLength, multiline: false, errors, required: false))
            : null;

        var goal = input.Goal ?? 0;
        if (input.Goal is null) errors.Add("goal", FieldMessages.Required);
        else if (goal <= 0 || goal > MaxGoal) errors.Add("goal", AdminMessages.GoalNotPositive);
        var stretchGoals = input.StretchGoals ?? [];
        if (stretchGoals.Count > MaxStretchGoals) errors.Add("stretch_goals", AdminMessages.TooMany(MaxStretchGoals));
        else if (!IsAscendingAbove(goal, stretchGoals)) errors.Add("stretch_goals", AdminMessages.StretchGoalOrder);

        var rateLimits = input.RateLimits is null ? existing?.RateLimits : RateLimits(input.RateLimits, errors);
        var captcha = input.Captcha is null ? existing?.Captcha : Captcha(input.Captcha, errors);
        var delivery = input.Delivery is null ? existing?.Delivery ?? new DeliverySettings() : Delivery(input.Delivery, errors);
        var origins = Origins(input.AllowedOrigins ?? [], errors);
        var returnUrls = ReturnUrls(input.ReturnUrls ?? [], origins, errors);

        // An update starts from the stored campaign, so fields this document does not carry (those other
        // stages may add) are kept rather than reset.
        var basis = existing ?? new Campaign
        {
            Slug = "", Kind = default, State = default, Title = Blank, Description = Blank, CallToAction = Blank,
            Target = new CampaignTarget("", "", ""), Goal = 0,
        };
        var campaign = basis with
        {
            Slug = slug ?? "",
            Kind = kind,
            State = state,
            Title = title,
            Description = description,
            CallToAction = callToAction,
            Target = target,
            Goal = goal,
            StretchGoals = stretchGoals.ToList(),
            Deadline = input.Deadline,
            AllowedOrigins = origins,
            ReturnUrls = returnUrls,
            OwnerEmail = ownerEmail,
            Coalition = coalition,
            LetterText = letter,
            RateLimits = rateLimits,
            IntakePaused = input.IntakePaused ?? existing?.IntakePaused ?? false,
            Captcha = captcha,
            AllowsIndividualEndorsements = input.AllowsIndividualEndorsements ?? existing?.AllowsIndividualEndorsements ?? false,
            Delivery = delivery,
        };
        if (existing is not null) campaign = existing.ChangeTo(campaign, now);
        if (state == CampaignState.Open) AddOpeningProblems(campaign, now, errors);
        if (errors.IsEmpty && JsonSerializer.Serialize(campaign, ApiJson.Options).Length > MaxDocumentLength)
            errors.Add("body", AdminMessages.DocumentTooLarge(MaxDocumentLength));
        return errors.IsEmpty ? (campaign, errors) : (null, errors);
    }

    /// <summary>What keeps a campaign from opening: a missing text in either language, or a deadline not in the future.</summary>
    public static FieldErrors OpeningProblems(Campaign campaign, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        AddOpeningProblems(campaign, now, errors);
        return errors;
    }

    private static void AddOpeningProblems(Campaign campaign, DateTimeOffset now, FieldErrors errors)
    {
        foreach (var (field, text) in OpeningTexts)
        foreach (var language in Enum.GetValues<Language>())
            if (string.IsNullOrWhiteSpace(text(campaign)?.In(language)))
                errors.Add($"{field}.{language.Code()}", AdminMessages.RequiredToOpen);
        if (campaign.Deadline is { } deadline && deadline <= now) errors.Add("deadline", AdminMessages.DeadlineNotFuture);
    }

    /// <summary>Each stretch goal above the goal and above the one before it.</summary>
    public static bool IsAscendingAbove(int goal, IReadOnlyList<int> stretchGoals)
    {
        var previous = goal;
        foreach (var next in stretchGoals)
        {
            if (next <= previous || next > MaxGoal) return false;
            previous = next;
        }
        return true;
    }

    /// <summary>scheme://host[:port] of an absolute http(s) origin with no path, query, fragment or user name; null otherwise.</summary>
    public static string? NormalizeOrigin(string origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !IsWeb(uri) || uri.UserInfo.Length > 0) return null;
        if (uri.PathAndQuery != "/" || uri.Fragment.Length > 0) return null;
        // "https://a.example/" is the same origin as "https://a.example"; "https://a.example/x" is not an origin.
        var rest = origin.Trim()[(uri.Scheme.Length + 3)..];
        if (rest.IndexOfAny(['/', '?', '#']) is var cut and >= 0 && rest[cut..] != "/") return null;
        return uri.GetLeftPart(UriPartial.Authority);
    }

    private static List<string> Origins(IReadOnlyList<string?> given, FieldErrors errors)
    {
        if (given.Count > MaxOrigins) errors.Add("allowed_origins", AdminMessages.TooMany(MaxOrigins));
        var origins = new List<string>();
        for (var i = 0; i < given.Count && i < MaxOrigins; i++)
        {
            var field = $"allowed_origins[{i}]";
            var text = TextFields.Tidy(given[i]);
            if (text is null) errors.Add(field, FieldMessages.Required);
            else if (text.Length > MaxUrlLength) errors.Add(field, FieldMessages.TooLong(MaxUrlLength));
            else if (NormalizeOrigin(text) is not { } origin) errors.Add(field, AdminMessages.InvalidOrigin);
            else if (!origins.Contains(origin, StringComparer.OrdinalIgnoreCase)) origins.Add(origin);
        }
        return origins;
    }

    private static List<RateLimitRule> RateLimits(IReadOnlyList<RateLimitInput?> given, FieldErrors errors)
    {
        if (given.Count > RateLimitRule.MaxRules) errors.Add("rate_limits", AdminMessages.TooMany(RateLimitRule.MaxRules));
        var rules = new List<RateLimitRule>();
        for (var i = 0; i < given.Count && i < RateLimitRule.MaxRules; i++)
        {
            var (count, window) = (given[i]?.Count, given[i]?.WindowSeconds);
            if (count is not (> 0 and <= RateLimitRule.MaxCount))
                errors.Add($"rate_limits[{i}].count", AdminMessages.OutOfRange(1, RateLimitRule.MaxCount));
            if (window is not (> 0 and <= RateLimitRule.MaxWindowSeconds))
                errors.Add($"rate_limits[{i}].window_seconds", AdminMessages.OutOfRange(1, RateLimitRule.MaxWindowSeconds));
            if (count is { } c && window is { } w) rules.Add(new RateLimitRule(c, w));
        }
        return rules;
    }

    private static DeliverySettings Delivery(DeliveryInput input, FieldErrors errors)
    {
        if (input.Every is not (null or (> 0 and <= MaxGoal)))
            errors.Add("delivery.every", AdminMessages.OutOfRange(1, MaxGoal));
        DayOfWeek? day = null;
        if (TextFields.Tidy(input.WeeklyDay) is { } named)
        {
            if (Enum.TryParse<DayOfWeek>(named, ignoreCase: true, out var parsed) && !int.TryParse(named, out _)) day = parsed;
            else errors.Add("delivery.weekly_day", AdminMessages.InvalidWeekday);
        }
        if (input.WeeklyHourUtc is not (null or (>= 0 and <= 23)))
            errors.Add("delivery.weekly_hour_utc", AdminMessages.OutOfRange(0, 23));
        var defaults = new DeliverySettings();
        return new DeliverySettings
        {
            OnGoalReached = input.OnGoalReached ?? defaults.OnGoalReached,
            Every = input.Every,
            WeeklyDay = day,
            WeeklyHourUtc = input.WeeklyHourUtc,
            AtClose = input.AtClose ?? defaults.AtClose,
        };
    }

    public const int MaxSiteKeyLength = 200;

    private static CaptchaSettings? Captcha(CaptchaInput input, FieldErrors errors)
    {
        var provider = TextFields.Tidy(input.Provider)?.ToLowerInvariant();
        if (provider == "none") return null;
        CaptchaProvider? chosen = provider switch { "turnstile" => CaptchaProvider.Turnstile, "hcaptcha" => CaptchaProvider.Hcaptcha, _ => null };
        if (chosen is null) errors.Add("captcha.provider", provider is null ? FieldMessages.Required : AdminMessages.InvalidCaptchaProvider);
        var siteKey = TextFields.Tidy(input.SiteKey);
        if (siteKey is null) errors.Add("captcha.site_key", FieldMessages.Required);
        else if (siteKey.Length > MaxSiteKeyLength || !siteKey.All(c => c is > ' ' and <= '~'))
            errors.Add("captcha.site_key", AdminMessages.InvalidSiteKey);
        return chosen is { } p && siteKey is not null ? new CaptchaSettings(p, siteKey) : null;
    }

    private static List<string> ReturnUrls(IReadOnlyList<string?> given, IReadOnlyList<string> origins, FieldErrors errors)
    {
        if (given.Count > MaxReturnUrls) errors.Add("return_urls", AdminMessages.TooMany(MaxReturnUrls));
        var urls = new List<string>();
        for (var i = 0; i < given.Count && i < MaxReturnUrls; i++)
        {
            var field = $"return_urls[{i}]";
            var text = TextFields.Tidy(given[i]);
            if (text is null) errors.Add(field, FieldMessages.Required);
            else if (text.Length > MaxUrlLength) errors.Add(field, FieldMessages.TooLong(MaxUrlLength));
            else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !IsWeb(uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
                errors.Add(field, AdminMessages.InvalidUrl);
            else if (!origins.Any(o => Uri.Compare(new Uri(o), uri, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0))
                errors.Add(field, AdminMessages.ReturnUrlOriginNotAllowed);
            else if (!urls.Contains(uri.AbsoluteUri)) urls.Add(uri.AbsoluteUri);
        }
        return urls;
    }

    private static bool IsWeb(Uri uri) => (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    private static LocalizedText Localized(LocalizedInput? input, string field, int maxLength, bool multiline, FieldErrors errors) =>
        new(Text(input?.En, field + ".en", maxLength, multiline, errors) ?? "",
            Text(input?.Es, field + ".es", maxLength, multiline, errors) ?? "");

    private static string? Text(string? value, string field, int maxLength, bool multiline, FieldErrors errors, bool required = false)
    {
        var text = TextFields.Tidy(value);
        if (text is null)
        {
            if (required) errors.Add(field, FieldMessages.Required);
            return null;
        }
        if (TextFields.HasForbiddenCharacters(text, allowLineBreaks: multiline)) errors.Add(field, FieldMessages.ControlCharacters);
        else if (text.Length > maxLength) errors.Add(field, FieldMessages.TooLong(maxLength));
        return text;
    }

    private static string? Email(string? value, string field, FieldErrors errors, bool required)
    {
        var email = TextFields.Tidy(value);
        if (email is null)
        {
            if (required) errors.Add(field, FieldMessages.Required);
        }
        else if (email.Length > EmailAddresses.MaxLength) errors.Add(field, FieldMessages.TooLong(EmailAddresses.MaxLength));
        else if (!EmailAddresses.IsValid(email)) errors.Add(field, FieldMessages.InvalidEmail);
        return email;
    }


    private static void FlagUnknownFields(JsonElement element, string path, FieldErrors errors)
    {
        if (!CampaignInput.KnownFields.TryGetValue(path, out var known)) return;
        foreach (var property in element.EnumerateObject())
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!known.Contains(property.Name, StringComparer.Ordinal)) errors.Add(field, AdminMessages.UnknownField);
            else if (property.Value.ValueKind == JsonValueKind.Object) FlagUnknownFields(property.Value, field, errors);
        }
    }

    /// <summary>"$.target.delivery_email" → "target.delivery_email"; "$.stretch_goals[1]" → "stretch_goals[1]".</summary>
    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$") return "body";
        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return field.Length == 0 ? "body" : field;
    }
}
