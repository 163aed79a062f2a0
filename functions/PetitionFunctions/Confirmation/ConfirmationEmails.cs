using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The emails a signer gets, in the language they signed in: plain text and HTML with the same words,
/// no images, no tracking pixels, no links but the one that confirms and the one that withdraws the
/// signature (in every email, so a signer can always take their name back).
/// </summary>
public static class ConfirmationEmails
{
    public static EmailMessage Confirm(Campaign campaign, PersonalDetails signer, Language language, Uri confirmLink, Uri withdrawLink)
    {
        var subject = ConfirmationMessages.ConfirmSubject(campaign.Title).In(language);
        var greeting = ConfirmationMessages.Greeting(signer.GivenName).In(language);
        string[] lines =
        [
            ConfirmationMessages.ConfirmThanks(campaign.Title, campaign.Target.Name).In(language),
            ConfirmationMessages.ConfirmAsk.In(language),
        ];
        var footer = ConfirmationMessages.ConfirmFooter.In(language);

        var text = string.Join("\n\n", [greeting, .. lines, confirmLink.AbsoluteUri, footer, WithdrawText(language, withdrawLink)]) + "\n";
        var html = HtmlLayout.Document(language, subject,
            HtmlLayout.Paragraph(greeting) +
            HtmlLayout.Paragraphs(lines) +
            HtmlLayout.ButtonLink(confirmLink, ConfirmationMessages.ConfirmButton.In(language), HtmlLayout.ConfirmColour) +
            HtmlLayout.SmallPrint(confirmLink.AbsoluteUri) +
            HtmlLayout.SmallPrint(footer) +
            WithdrawHtml(language, withdrawLink),
            HtmlShell.Email);
        return new EmailMessage(new EmailAddress(signer.Email, $"{signer.GivenName} {signer.FamilyName}"), subject, text, html) { Unsubscribe = withdrawLink };
    }

    public static EmailMessage AlreadySigned(Campaign campaign, PersonalDetails signer, Language language, DateTimeOffset confirmedAt, Uri withdrawLink)
    {
        var subject = ConfirmationMessages.AlreadySignedSubject(campaign.Title).In(language);
        var greeting = ConfirmationMessages.Greeting(signer.GivenName).In(language);
        var body = ConfirmationMessages.AlreadySignedText(campaign.Title, confirmedAt).In(language);
        var text = $"{greeting}\n\n{body}\n\n{WithdrawText(language, withdrawLink)}\n";
        var html = HtmlLayout.Document(language, subject,
            HtmlLayout.Paragraph(greeting) + HtmlLayout.Paragraph(body) + WithdrawHtml(language, withdrawLink), HtmlShell.Email);
        return new EmailMessage(new EmailAddress(signer.Email, $"{signer.GivenName} {signer.FamilyName}"), subject, text, html) { Unsubscribe = withdrawLink };
    }

    private static string WithdrawText(Language language, Uri withdrawLink) =>
        $"{ConfirmationMessages.WithdrawSentence.In(language)}\n{withdrawLink.AbsoluteUri}";

    private static string WithdrawHtml(Language language, Uri withdrawLink) =>
        $"<p style=\"font-size:13px;color:#555;overflow-wrap:anywhere;word-break:break-word\">{Html.Encode(ConfirmationMessages.WithdrawSentence.In(language))}<br>" +
        $"<a href=\"{Html.Encode(withdrawLink.AbsoluteUri)}\" style=\"color:#555\">{Html.Encode(withdrawLink.AbsoluteUri)}</a></p>";
}
