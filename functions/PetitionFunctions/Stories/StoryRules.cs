using System.Text.Json;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Stories;

public sealed record ParsedStory(StorySubmission? Submission, FieldErrors Errors, bool Malformed) : IParsedSubmission<StorySubmission>;

/// <summary>The rules of the story stage: what a story must look like, and what its consent tier allows. Plain C#, no Azure.</summary>
public static partial class StoryRules
{
    public const int MaxStoryLength = 10_000;
    public const int MaxNameLength = 100;
    public const int MaxPlaceLength = 100;

    /// <summary>
    /// The largest story request body: 10,000 characters form-encoded can take 9 bytes each (a
    /// three-byte UTF-8 character is "%XX%XX%XX"), and JSON's \uXXXX escapes 6; 96 KB holds either
    /// with room for the other fields.
    /// </summary>
    public const int MaxBodyBytes = 96 * 1024;

    public static class Fields
    {
        public const string Story = "story";
        public const string Language = "language";
        public const string Name = "name";
        public const string Contact = "contact";
        public const string CountyOrCity = "county_or_city";
        public const string Consent = "consent";
        public const string MayContact = "may_contact";
        public const string SendConfirmation = "send_confirmation";
        public const string ReturnUrl = "return_url";
    }

    private static readonly Dictionary<string, ConsentTier> Tiers = new(StringComparer.Ordinal)
    {
        ["publish_with_name"] = ConsentTier.PublishWithName,
        ["publish_anonymously"] = ConsentTier.PublishAnonymously,
        ["target_only"] = ConsentTier.TargetOnly,
        ["internal"] = ConsentTier.Internal,
    };

    public static string Code(this ConsentTier tier) => Tiers.First(pair => pair.Value == tier).Key;

    public static ConsentTier? ParseTier(string? code) =>
        code is not null && Tiers.TryGetValue(code.Trim().ToLowerInvariant(), out var tier) ? tier : null;

    /// <summary>Whether the writer allowed the story to be published (with or without their name).</summary>
    public static bool AllowsPublishing(ConsentTier tier) => tier is ConsentTier.PublishWithName or ConsentTier.PublishAnonymously;

    /// <summary>Whether the writer allowed the story to reach the campaign's target: every tier but internal.</summary>
    public static bool AllowsDelivery(ConsentTier tier) => tier != ConsentTier.Internal;

    /// <summary>The name shown with a published or delivered story: only with the writer's consent to be named.</summary>
    public static string? ShownName(ConsentTier tier, string? name) => tier == ConsentTier.PublishWithName ? name : null;

    // ---- parsing ----

    public static ParsedStory Parse(RequestBody body) => body.Format == BodyFormat.Json ? ParseJson(body.Text) : ParseForm(body.Text);

    private static ParsedStory ParseForm(string text)
    {
        var errors = new FieldErrors();
        var form = new FormBody(text, errors);
        string? Field(string name) => form[name];
        bool? Flag(string name) => Field(name) is not { } value ? null : FormFlag(value) ?? Invalid(name);
        bool? Invalid(string name)
        {
            errors.Add(name, StoryMessages.NotAYesNo);
            return null;
        }

        var submission = new StorySubmission
        {
            Story = Field(Fields.Story),
            Language = Field(Fields.Language),
            Name = Field(Fields.Name),
            Contact = Field(Fields.Contact),
            CountyOrCity = Field(Fields.CountyOrCity),
            Consent = Field(Fields.Consent),
            MayContact = Flag(Fields.MayContact),
            SendConfirmation = Flag(Fields.SendConfirmation),
            ReturnUrl = Field(Fields.ReturnUrl),
            IsFormPost = true,
            Honeypot = Field(SubmissionGuard.HoneypotField),
        };
        return new ParsedStory(submission, errors, Malformed: false);
    }

    /// <summary>A checkbox or a select in a form: "on" (a ticked checkbox), yes/no, true/false, 1/0.</summary>
    private static bool? FormFlag(string value) => value.Trim().ToLowerInvariant() switch
    {
        "on" or "yes" or "true" or "1" or "si" or "sí" => true,
        "" or "off" or "no" or "false" or "0" => false,
        _ => null,
    };

    private static ParsedStory ParseJson(string text)
    {
        var errors = new FieldErrors();
        using var document = JsonBody.ParseObject(text, errors);
        if (document is null) return new ParsedStory(null, errors, Malformed: true);
        {
            var root = document.RootElement;
            string? Text(string name) => JsonBody.Text(root, name, name, errors);
            bool? Flag(string name)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
                errors.Add(name, StoryMessages.NotAYesNo);
                return null;
            }
            var submission = new StorySubmission
            {
                Story = Text(Fields.Story),
                Language = Text(Fields.Language),
                Name = Text(Fields.Name),
                Contact = Text(Fields.Contact),
                CountyOrCity = Text(Fields.CountyOrCity),
                Consent = Text(Fields.Consent),
                MayContact = Flag(Fields.MayContact),
                SendConfirmation = Flag(Fields.SendConfirmation),
                Honeypot = SubmissionGuard.HoneypotOf(root),
            };
            return new ParsedStory(submission, errors, Malformed: false);
        }
    }

    // ---- validation ----

    /// <param name="fallbackLanguage">The story's language when the body names none (from the query or the browser).</param>
    public static (ValidStory? Story, FieldErrors Errors) Validate(
        StorySubmission submission, Campaign campaign, Language fallbackLanguage, FieldErrors? earlierErrors = null)
    {
        var errors = earlierErrors ?? new FieldErrors();

        var story = TextFields.Tidy(submission.Story);
        if (story is null) errors.Add(Fields.Story, FieldMessages.Required);
        else if (TextFields.HasForbiddenCharacters(story, allowLineBreaks: true)) errors.Add(Fields.Story, FieldMessages.ControlCharacters);
        else if (story.Length > MaxStoryLength) errors.Add(Fields.Story, FieldMessages.TooLong(MaxStoryLength));

        Language? language = null;
        if (TextFields.Tidy(submission.Language) is { } languageCode)
        {
            language = languageCode.ToLowerInvariant() switch { "en" => Language.En, "es" => Language.Es, _ => null };
            if (language is null) errors.Add(Fields.Language, StoryMessages.InvalidLanguage);
        }

        var name = TextFields.Line(submission.Name, Fields.Name, required: false, MaxNameLength, errors);
        var place = TextFields.Line(submission.CountyOrCity, Fields.CountyOrCity, required: false, MaxPlaceLength, errors);

        var consentCode = TextFields.Tidy(submission.Consent);
        var consent = ParseTier(consentCode);
        if (consentCode is null) errors.Add(Fields.Consent, FieldMessages.Required);
        else if (consent is null) errors.Add(Fields.Consent, StoryMessages.InvalidConsent);
        if (consent == ConsentTier.PublishWithName && name is null && !errors.Has(Fields.Name))
            errors.Add(Fields.Name, StoryMessages.NameNeededToPublishWithName);

        var (contact, isEmail) = Contact(submission.Contact, errors);
        var mayContact = submission.MayContact ?? false;
        var sendConfirmation = submission.SendConfirmation ?? false;
        if (mayContact && contact is null && !errors.Has(Fields.Contact)) errors.Add(Fields.Contact, StoryMessages.ContactNeededToBeContacted);
        if (sendConfirmation && !isEmail && !errors.Has(Fields.Contact)) errors.Add(Fields.Contact, StoryMessages.EmailNeededForConfirmation);

        Uri? returnUrl = null;
        if (submission.IsFormPost)
        {
            var requested = TextFields.Tidy(submission.ReturnUrl);
            returnUrl = requested is null ? campaign.DefaultReturnUrl : campaign.MatchReturnUrl(requested);
            if (requested is not null && returnUrl is null) errors.Add(Fields.ReturnUrl, FieldMessages.ReturnUrlNotAllowed);
        }

        if (!errors.IsEmpty) return (null, errors);
        return (new ValidStory(story!, language ?? fallbackLanguage,
            name is null ? null : SpreadsheetSafety.Neutralize(name),
            contact, isEmail,
            place is null ? null : SpreadsheetSafety.Neutralize(place),
            consent!.Value, mayContact, sendConfirmation, returnUrl), errors);
    }

    /// <summary>An admin's redacted version: at least one language, each at most 10,000 characters. Null where none was written.</summary>
    public static (string? En, string? Es) ValidateRedaction(string? en, string? es, FieldErrors errors)
    {
        string? One(string? value, string field)
        {
            var text = TextFields.Tidy(value);
            if (text is null) return null;
            if (TextFields.HasForbiddenCharacters(text, allowLineBreaks: true)) errors.Add(field, FieldMessages.ControlCharacters);
            else if (text.Length > MaxStoryLength) errors.Add(field, FieldMessages.TooLong(MaxStoryLength));
            return text;
        }
        var (english, spanish) = (One(en, "en"), One(es, "es"));
        if (english is null && spanish is null && errors.IsEmpty) errors.Add("en", StoryMessages.RedactionNeeded);
        return (english, spanish);
    }

    /// <summary>
    /// Whether an admin may set these flags on a story: only a redacted story, and only within the
    /// writer's consent. Errors are per field ("publish", "include_in_delivery").
    /// </summary>
    public static FieldErrors CheckApproval(ConsentTier consent, bool redacted, bool publish, bool includeInDelivery)
    {
        var errors = new FieldErrors();
        if ((publish || includeInDelivery) && !redacted)
            errors.Add(publish ? "publish" : "include_in_delivery", StoryMessages.RedactFirst);
        if (publish && !AllowsPublishing(consent)) errors.Add("publish", StoryMessages.ConsentForbidsPublishing);
        if (includeInDelivery && !AllowsDelivery(consent)) errors.Add("include_in_delivery", StoryMessages.ConsentForbidsDelivery);
        return errors;
    }

    /// <summary>
    /// When a closed campaign's stories are due for deletion: <paramref name="retentionDays"/> after it
    /// closed. Published stories are kept (their writers asked for them to be public, and the redacted
    /// text is what is kept public); every other story goes.
    /// </summary>
    public static bool IsDueForDeletion(bool published, DateTimeOffset? campaignClosedAt, int retentionDays, DateTimeOffset now) =>
        !published && campaignClosedAt is { } closed && now >= closed.AddDays(retentionDays);

    /// <summary>When a campaign closed, as far as its document tells: its deadline, once passed; null while it is open or when only its state says closed.</summary>
    public static DateTimeOffset? ClosedAt(Campaign campaign, DateTimeOffset now) =>
        campaign.IsOpenAt(now) ? null : campaign.Deadline is { } deadline && deadline <= now ? deadline : null;



    /// <summary>An email address (checked as signatures' are) or a phone number: 7 to 15 digits, with + ( ) - . and spaces.</summary>
    private static (string? Contact, bool IsEmail) Contact(string? value, FieldErrors errors)
    {
        var text = TextFields.Tidy(value);
        if (text is null) return (null, false);
        if (text.Contains('@'))
        {
            if (text.Length > EmailAddresses.MaxLength) errors.Add(Fields.Contact, FieldMessages.TooLong(EmailAddresses.MaxLength));
            else if (!EmailAddresses.IsValid(text)) errors.Add(Fields.Contact, StoryMessages.InvalidContact);
            return (text, true);
        }
        if (!PhoneNumbers.IsValid(text)) errors.Add(Fields.Contact, StoryMessages.InvalidContact);
        return (TextFields.CollapseWhitespace(text), false);
    }

}
