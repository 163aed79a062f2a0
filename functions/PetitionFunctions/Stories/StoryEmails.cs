using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;

namespace PetitionFunctions.Stories;

/// <summary>
/// The one email a story writer can get: a receipt with the link to withdraw the story, in the story's
/// language. It quotes nothing of the story (an inbox may be shared or watched) and its subject says
/// only that a story was received.
/// </summary>
public static class StoryEmails
{
    public static EmailMessage Receipt(Campaign campaign, string address, string? name, Language language, Uri withdrawLink)
    {
        var title = campaign.Title.In(language);
        var (subject, greeting, lines, button, footer) = language == Language.Es
            ? ("Recibimos su historia",
               name is null ? "Hola:" : $"Hola {name}:",
               new[]
               {
                   $"Gracias por compartir su historia en «{title}». La recibimos, y solo se usará como usted eligió.",
                   "Si cambia de opinión, puede retirarla cuando quiera con este enlace: la borraremos por completo.",
               },
               "Retirar mi historia",
               "No comparta este correo: el enlace permite retirar su historia.")
            : ("We received your story",
               name is null ? "Hello," : $"Hi {name},",
               new[]
               {
                   $"Thank you for sharing your story on \"{title}\". We received it, and it will only be used as you chose.",
                   "If you change your mind, you can withdraw it at any time with this link: we will delete it completely.",
               },
               "Withdraw my story",
               "Do not forward this email: the link lets whoever has it withdraw your story.");

        var text = string.Join("\n\n", [greeting, .. lines, withdrawLink.AbsoluteUri, footer]) + "\n";
        var html =
            $"<!DOCTYPE html><html lang=\"{language.Code()}\"><head><meta charset=\"utf-8\"><title>{Html.Encode(subject)}</title></head>" +
            "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#222;max-width:560px\">" +
            $"<p>{Html.Encode(greeting)}</p>" +
            string.Concat(lines.Select(line => $"<p>{Html.Encode(line)}</p>")) +
            $"<p><a href=\"{Html.Encode(withdrawLink.AbsoluteUri)}\" style=\"display:inline-block;padding:12px 20px;background:#5f1a1a;color:#ffffff;text-decoration:none;border-radius:4px\">{Html.Encode(button)}</a></p>" +
            $"<p style=\"font-size:13px;color:#555\">{Html.Encode(withdrawLink.AbsoluteUri)}</p>" +
            $"<p style=\"font-size:13px;color:#555\">{Html.Encode(footer)}</p></body></html>";
        return new EmailMessage(new EmailAddress(address, name), subject, text, html);
    }
}
