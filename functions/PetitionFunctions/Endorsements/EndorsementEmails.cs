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
        var title = campaign.Title.In(language);
        var target = campaign.Target.Name;
        var organization = endorsement.Organization?.Name;
        var (subject, greeting, lines, button, footer) = language == Language.Es
            ? ($"Confirme su respaldo: {title}",
               $"Hola {endorser.Name}:",
               new[]
               {
                   organization is null
                       ? $"Gracias por respaldar la carta «{title}», dirigida a {target}."
                       : $"Gracias por sumar a {organization} a la carta «{title}», dirigida a {target}.",
                   "El respaldo solo cuenta cuando usted lo confirma. Abra este enlace para confirmarlo:",
               },
               "Confirmar el respaldo",
               "El enlace vale 30 días. Después, nuestro equipo revisa cada respaldo antes de publicarlo. Si usted no lo envió, ignore este mensaje: no se publicará nada.")
            : ($"Confirm your endorsement: {title}",
               $"Hi {endorser.Name},",
               new[]
               {
                   organization is null
                       ? $"Thank you for endorsing the letter \"{title}\", addressed to {target}."
                       : $"Thank you for adding {organization} to the letter \"{title}\", addressed to {target}.",
                   "The endorsement only counts once you confirm it. Open this link to confirm:",
               },
               "Confirm the endorsement",
               "The link works for 30 days. Our team then reviews every endorsement before it is listed. If you did not send it, ignore this email: nothing will be listed.");

        var text = string.Join("\n\n", [greeting, .. lines, confirmLink.AbsoluteUri, footer]) + "\n";
        var html =
            $"<!DOCTYPE html><html lang=\"{language.Code()}\"><head><meta charset=\"utf-8\"><title>{Html.Encode(subject)}</title></head>" +
            "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:560px\">" +
            $"<p>{Html.Encode(greeting)}</p>" +
            string.Concat(lines.Select(line => $"<p>{Html.Encode(line)}</p>")) +
            $"<p><a href=\"{Html.Encode(confirmLink.AbsoluteUri)}\" style=\"display:inline-block;padding:12px 20px;background:#1a5f3f;color:#ffffff;text-decoration:none;border-radius:4px\">{Html.Encode(button)}</a></p>" +
            $"<p style=\"font-size:13px;color:#555\">{Html.Encode(confirmLink.AbsoluteUri)}</p>" +
            $"<p style=\"font-size:13px;color:#555\">{Html.Encode(footer)}</p></body></html>";
        return new EmailMessage(new EmailAddress(endorser.Email, endorser.Name), subject, text, html);
    }
}
