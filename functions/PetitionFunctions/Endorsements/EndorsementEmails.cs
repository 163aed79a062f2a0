using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The email an endorser gets, in the language they endorsed in: plain text and HTML with the same words,
/// no images, no tracking, one link. Same style as the signature emails.
/// </summary>
public static class EndorsementEmails
{
    public static EmailMessage Confirm(Campaign campaign, StoredEndorsement endorsement, EndorserDetails endorser, Uri confirmLink)
    {
        var language = endorsement.Language;
        var target = campaign.Target.Name;
        var subject = EndorsementMessages.ConfirmSubject(campaign.Title).In(language);
        var greeting = EndorsementMessages.Greeting(endorser.Name).In(language);
        string[] lines =
        [
            (endorsement.Organization?.Name is { } organization
                ? EndorsementMessages.ConfirmThanksForOrganization(campaign.Title, target, organization)
                : EndorsementMessages.ConfirmThanks(campaign.Title, target)).In(language),
            EndorsementMessages.ConfirmAsk.In(language),
        ];
        var footer = EndorsementMessages.ConfirmFooter.In(language);

        var text = string.Join("\n\n", [greeting, .. lines, confirmLink.AbsoluteUri, footer]) + "\n";
        var html = HtmlLayout.Document(language, subject,
            HtmlLayout.Paragraph(greeting) +
            HtmlLayout.Paragraphs(lines) +
            HtmlLayout.ButtonLink(confirmLink, EndorsementMessages.ConfirmButton.In(language), HtmlLayout.ConfirmColour) +
            HtmlLayout.SmallPrint(confirmLink.AbsoluteUri) +
            HtmlLayout.SmallPrint(footer),
            HtmlShell.Email);
        return new EmailMessage(new EmailAddress(endorser.Email, endorser.Name), subject, text, html);
    }
}
