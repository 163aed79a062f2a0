using System.Text.RegularExpressions;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

/// <summary>What a signature must look like. No citizenship or immigration status is ever asked or kept.</summary>
public static partial class SignatureRules
{
    public const int MaxNameLength = 100;
    public const int MaxPlaceLength = 100;
    public const int MaxCommentLength = 2000;
    public const int MaxPostalCodeLength = 12;
    public const int MaxSourceLength = SourceCodes.MaxLength;

    /// <param name="fallbackLanguage">The language to use when the submission names none (from the query or the browser).</param>
    /// <param name="now">The time the signature arrived, against which an <c>action_date</c> is judged.</param>
    public static (ValidSignature? Signature, FieldErrors Errors) Validate(
        SignatureSubmission submission, Campaign campaign, Language fallbackLanguage, DateTimeOffset now, FieldErrors? earlierErrors = null)
    {
        var errors = earlierErrors ?? new FieldErrors();
        var names = submission.Names;

        var givenName = TextFields.Line(submission.GivenName, names.GivenName, required: true, MaxNameLength, errors);
        var familyName = TextFields.Line(submission.FamilyName, names.FamilyName, required: true, MaxNameLength, errors);
        var locality = TextFields.Line(submission.Locality, names.Locality, required: false, MaxPlaceLength, errors);
        var region = TextFields.Line(submission.Region, names.Region, required: false, MaxPlaceLength, errors);
        var comments = TextFields.Paragraph(submission.Comments, names.Comments, MaxCommentLength, errors);

        var email = TextFields.Tidy(submission.Email);
        if (email is null) errors.Add(names.Email, FieldMessages.Required);
        else if (email.Length > EmailAddresses.MaxLength) errors.Add(names.Email, FieldMessages.TooLong(EmailAddresses.MaxLength));
        else if (!EmailAddresses.IsValid(email)) errors.Add(names.Email, FieldMessages.InvalidEmail);

        var postalCode = TextFields.Tidy(submission.PostalCode)?.ToUpperInvariant();
        if (postalCode is null) errors.Add(names.PostalCode, FieldMessages.Required);
        else if (postalCode.Length > MaxPostalCodeLength) errors.Add(names.PostalCode, FieldMessages.TooLong(MaxPostalCodeLength));
        else if (!PostalCodePattern().IsMatch(postalCode)) errors.Add(names.PostalCode, FieldMessages.InvalidPostalCode);

        // A partner's tracking code is folded into a stored code, never a reason to refuse a signer.
        var source = SourceCodes.Normalize(submission.Source);

        Uri? returnUrl = null;
        if (submission.IsFormPost)
        {
            var requested = TextFields.Tidy(submission.ReturnUrl);
            returnUrl = requested is null ? campaign.DefaultReturnUrl : campaign.MatchReturnUrl(requested);
            if (requested is not null && returnUrl is null) errors.Add(names.ReturnUrl, FieldMessages.ReturnUrlNotAllowed);
        }

        if (!errors.IsEmpty) return (null, errors);
        var signature = new ValidSignature(
            SpreadsheetSafety.Neutralize(givenName!),
            SpreadsheetSafety.Neutralize(familyName!),
            email!,
            EmailAddresses.Canonical(email!),
            postalCode!,
            locality is null ? null : SpreadsheetSafety.Neutralize(locality),
            region is null ? null : SpreadsheetSafety.Neutralize(region),
            comments is null ? null : SpreadsheetSafety.Neutralize(comments),
            Languages.Parse(submission.Language) ?? fallbackLanguage,
            source,
            returnUrl)
        {
            SignedAt = ActionDates.Plausible(submission.ActionDate, now),
            Identifiers = submission.Identifiers,
            PersonIdentifiers = submission.PersonIdentifiers,
        };
        return (signature, errors);
    }

    [GeneratedRegex(@"^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$")]
    private static partial Regex PostalCodePattern();
}
