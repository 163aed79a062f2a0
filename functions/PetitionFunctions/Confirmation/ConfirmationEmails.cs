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
        var title = campaign.Title.In(language);
        var target = campaign.Target.Name;
        var (subject, greeting, lines, button, footer) = language == Language.Es
            ? ($"Confirme su firma: {title}",
               $"Hola {signer.GivenName}:",
               new[]
               {
                   $"Gracias por firmar «{title}», dirigida a {target}.",
                   "Su firma solo cuenta cuando la confirma. Abra este enlace para confirmarla:",
               },
               "Confirmar mi firma",
               "El enlace vale 30 días. Si usted no firmó, ignore este mensaje: no se contará nada.")
            : ($"Confirm your signature: {title}",
               $"Hi {signer.GivenName},",
               new[]
               {
                   $"Thank you for signing \"{title}\", addressed to {target}.",
                   "Your signature only counts once you confirm it. Open this link to confirm:",
               },
               "Confirm my signature",
               "The link works for 30 days. If you did not sign, ignore this email: nothing will be counted.");

        var text = string.Join("\n\n", [greeting, .. lines, confirmLink.AbsoluteUri, footer, WithdrawText(language, withdrawLink)]) + "\n";
        var html = Page(language, subject,
            $"<p>{Encode(greeting)}</p>" +
            string.Concat(lines.Select(line => $"<p>{Encode(line)}</p>")) +
            $"<p><a href=\"{Encode(confirmLink.AbsoluteUri)}\" style=\"display:inline-block;padding:12px 20px;background:#1a5f3f;color:#ffffff;text-decoration:none;border-radius:4px\">{Encode(button)}</a></p>" +
            $"<p style=\"font-size:13px;color:#555\">{Encode(confirmLink.AbsoluteUri)}</p>" +
            $"<p style=\"font-size:13px;color:#555\">{Encode(footer)}</p>" +
            WithdrawHtml(language, withdrawLink));
        return new EmailMessage(new EmailAddress(signer.Email, $"{signer.GivenName} {signer.FamilyName}"), subject, text, html);
    }

    public static EmailMessage AlreadySigned(Campaign campaign, PersonalDetails signer, Language language, DateTimeOffset confirmedAt, Uri withdrawLink)
    {
        var title = campaign.Title.In(language);
        var date = confirmedAt.ToString(language == Language.Es ? "d 'de' MMMM 'de' yyyy" : "MMMM d, yyyy",
            System.Globalization.CultureInfo.GetCultureInfo(language.Code()));
        var (subject, greeting, body) = language == Language.Es
            ? ($"Ya firmó: {title}", $"Hola {signer.GivenName}:",
               $"Usted ya firmó «{title}» y confirmó su firma el {date}. Ya cuenta: no tiene que hacer nada más. ¡Gracias!")
            : ($"You already signed: {title}", $"Hi {signer.GivenName},",
               $"You already signed \"{title}\" and confirmed it on {date}. It counts: there is nothing more to do. Thank you!");
        var text = $"{greeting}\n\n{body}\n\n{WithdrawText(language, withdrawLink)}\n";
        var html = Page(language, subject, $"<p>{Encode(greeting)}</p><p>{Encode(body)}</p>" + WithdrawHtml(language, withdrawLink));
        return new EmailMessage(new EmailAddress(signer.Email, $"{signer.GivenName} {signer.FamilyName}"), subject, text, html);
    }

    private static string WithdrawSentence(Language language) => language == Language.Es
        ? "Si cambia de opinión, puede retirar su firma en cualquier momento con este enlace; borraremos sus datos:"
        : "If you change your mind, you can withdraw your signature at any time with this link; we will delete your details:";

    private static string WithdrawText(Language language, Uri withdrawLink) => $"{WithdrawSentence(language)}\n{withdrawLink.AbsoluteUri}";

    private static string WithdrawHtml(Language language, Uri withdrawLink) =>
        $"<p style=\"font-size:13px;color:#555\">{Encode(WithdrawSentence(language))}<br>" +
        $"<a href=\"{Encode(withdrawLink.AbsoluteUri)}\" style=\"color:#555\">{Encode(withdrawLink.AbsoluteUri)}</a></p>";

    private static string Page(Language language, string title, string body) =>
        $"<!DOCTYPE html><html lang=\"{language.Code()}\"><head><meta charset=\"utf-8\"><title>{Encode(title)}</title></head>" +
        $"<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:560px\">{body}</body></html>";

    private static string Encode(string text) => Html.Encode(text);
}
