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
        var subject = StoryMessages.EmailSubject.In(language);
        var greeting = (name is null ? StoryMessages.GreetingWithoutName : StoryMessages.Greeting(name)).In(language);
        string[] lines = [StoryMessages.EmailThanks(campaign.Title).In(language), StoryMessages.EmailWithdraw.In(language)];
        var footer = StoryMessages.EmailFooter.In(language);

        var text = string.Join("\n\n", [greeting, .. lines, withdrawLink.AbsoluteUri, footer]) + "\n";
        var html = HtmlLayout.Document(language, subject,
            HtmlLayout.Paragraph(greeting) +
            HtmlLayout.Paragraphs(lines) +
            HtmlLayout.ButtonLink(withdrawLink, StoryMessages.EmailButton.In(language), HtmlLayout.WithdrawColour) +
            HtmlLayout.SmallPrint(withdrawLink.AbsoluteUri) +
            HtmlLayout.SmallPrint(footer),
            HtmlShell.Email);
        return new EmailMessage(new EmailAddress(address, name), subject, text, html) { Unsubscribe = withdrawLink };
    }
}
