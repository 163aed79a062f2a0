using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Endorsements;

/// <summary>What an endorsement must look like. As for signatures, nothing about immigration status is asked.</summary>
public static partial class EndorsementRules
{
    public const int MaxNameLength = 100;
    public const int MaxOrganizationNameLength = 200;
    public const int MaxPlaceLength = 100;
    public const int MaxUrlLength = 500;
    public const int MaxSourceLength = SourceCodes.MaxLength;

    /// <param name="fallbackLanguage">The language to use when the submission names none (from the query or the browser).</param>
    public static (ValidEndorsement? Endorsement, FieldErrors Errors) Validate(
        EndorsementSubmission submission, Campaign campaign, Language fallbackLanguage, FieldErrors? earlierErrors = null)
    {
        var errors = earlierErrors ?? new FieldErrors();
        var names = submission.Names;

        var kind = TextFields.Tidy(submission.Type)?.ToLowerInvariant() switch
        {
            null or "organization" or "organisation" => EndorserKind.Organization,
            "individual" or "person" => EndorserKind.Individual,
            _ => (EndorserKind?)null,
        };
        if (kind is null) errors.Add(names.Type, EndorsementMessages.InvalidType);
        else if (kind == EndorserKind.Individual && !campaign.AllowsIndividualEndorsements) errors.Add(names.Type, EndorsementMessages.IndividualsNotAllowed);

        OrganizationProfile? organization = null;
        EndorserDetails? endorser = null;
        string? email;
        if (kind == EndorserKind.Individual)
        {
            var name = TextFields.Line(submission.PersonName, names.PersonName, true, MaxNameLength, errors);
            var title = TextFields.Line(submission.PersonTitle, names.PersonTitle, true, MaxNameLength, errors);
            var affiliation = TextFields.Line(submission.PersonAffiliation, names.PersonAffiliation, true, MaxOrganizationNameLength, errors);
            var locality = TextFields.Line(submission.PersonLocality, names.PersonLocality, true, MaxPlaceLength, errors);
            email = Email(submission.PersonEmail, names.PersonEmail, errors);
            if (errors.IsEmpty)
                endorser = new EndorserDetails(Safe(name)!, Safe(title)!, email!, Affiliation: Safe(affiliation), Locality: Safe(locality));
        }
        else
        {
            var name = TextFields.Line(submission.OrganizationName, names.OrganizationName, true, MaxOrganizationNameLength, errors);
            var website = Url(submission.Website, names.Website, required: true, httpsOnly: false, errors, EndorsementMessages.InvalidWebsite);
            var scopeText = TextFields.Tidy(submission.Scope)?.ToLowerInvariant();
            EndorsementScope? scope = scopeText switch
            {
                null => null,
                "national" or "nacional" => EndorsementScope.National,
                "state" or "estatal" => EndorsementScope.State,
                "local" => EndorsementScope.Local,
                _ => null,
            };
            if (scopeText is null) errors.Add(names.Scope, FieldMessages.Required);
            else if (scope is null) errors.Add(names.Scope, EndorsementMessages.InvalidScope);
            // A local group names its city and state; a state group its state.
            var locality = TextFields.Line(submission.OrganizationLocality, names.OrganizationLocality, scope == EndorsementScope.Local, MaxPlaceLength, errors);
            var region = TextFields.Line(submission.OrganizationRegion, names.OrganizationRegion, scope is EndorsementScope.Local or EndorsementScope.State, MaxPlaceLength, errors);
            var legalStatus = TextFields.Line(submission.LegalStatus, names.LegalStatus, false, MaxNameLength, errors);
            var logo = Url(submission.LogoUrl, names.LogoUrl, required: false, httpsOnly: true, errors, EndorsementMessages.InvalidLogoUrl);

            var signerName = TextFields.Line(submission.SignerName, names.SignerName, true, MaxNameLength, errors);
            var signerTitle = TextFields.Line(submission.SignerTitle, names.SignerTitle, true, MaxNameLength, errors);
            email = Email(submission.SignerEmail, names.SignerEmail, errors);
            var phone = Phone(submission.SignerPhone, names.SignerPhone, errors);
            if (name is not null && OrganizationIdentity.CanonicalName(name).Length == 0) errors.Add(names.OrganizationName, FieldMessages.Required);

            if (errors.IsEmpty)
            {
                organization = new OrganizationProfile(Safe(name)!, website!, scope!.Value, Safe(locality), Safe(region)?.ToUpperInvariant(),
                    Safe(legalStatus), logo);
                endorser = new EndorserDetails(Safe(signerName)!, Safe(signerTitle)!, email!, phone);
            }
        }

        if (submission.ListPublicly is null) errors.Add(names.ListPublicly, EndorsementMessages.ConsentRequired);

        // A partner's tracking code is folded into a stored code, never a reason to refuse an endorser.
        var source = SourceCodes.Normalize(submission.Source);

        Uri? returnUrl = null;
        if (submission.IsFormPost)
        {
            var requested = TextFields.Tidy(submission.ReturnUrl);
            returnUrl = requested is null ? campaign.DefaultReturnUrl : campaign.MatchReturnUrl(requested);
            if (requested is not null && returnUrl is null) errors.Add(names.ReturnUrl, FieldMessages.ReturnUrlNotAllowed);
        }

        if (!errors.IsEmpty || endorser is null) return (null, errors);
        return (new ValidEndorsement(kind!.Value, organization, endorser, EmailAddresses.Canonical(endorser.Email), submission.ListPublicly!.Value,
            Languages.Parse(submission.Language) ?? fallbackLanguage, source, returnUrl), errors);
    }

    /// <summary>Trimmed, Unicode-normalised text, or null when nothing was typed.</summary>

    private static string? Safe(string? text) => text is null ? null : SpreadsheetSafety.Neutralize(text);


    private static string? Email(string? value, string field, FieldErrors errors)
    {
        var email = TextFields.Tidy(value);
        if (email is null) errors.Add(field, FieldMessages.Required);
        else if (email.Length > EmailAddresses.MaxLength) errors.Add(field, FieldMessages.TooLong(EmailAddresses.MaxLength));
        else if (!EmailAddresses.IsValid(email)) errors.Add(field, FieldMessages.InvalidEmail);
        return email;
    }

    private static string? Phone(string? value, string field, FieldErrors errors)
    {
        var phone = TextFields.Tidy(value);
        if (phone is null) return null;
        if (!PhoneNumbers.IsValid(phone)) errors.Add(field, EndorsementMessages.InvalidPhone);
        return phone;
    }

    /// <summary>An absolute http(s) address with a dotted host and no user info; https only where asked (images shown on https pages).</summary>
    private static string? Url(string? value, string field, bool required, bool httpsOnly, FieldErrors errors, Func<Language, string> invalid)
    {
        var text = TextFields.Tidy(value);
        if (text is null)
        {
            if (required) errors.Add(field, FieldMessages.Required);
            return null;
        }
        // "nyic.org" is what people type for a website: read it as https://nyic.org.
        if (!httpsOnly && !text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (text.Length > MaxUrlLength) errors.Add(field, FieldMessages.TooLong(MaxUrlLength));
        else if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
                 || !(uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp))
                 || uri.UserInfo.Length > 0 || !uri.Host.Contains('.') || uri.HostNameType != UriHostNameType.Dns
                 || text.Any(char.IsWhiteSpace) || TextFields.HasForbiddenCharacters(text, allowLineBreaks: false))
            errors.Add(field, invalid);
        else return uri.AbsoluteUri;
        return null;
    }
}
