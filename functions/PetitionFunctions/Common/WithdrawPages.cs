using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

/// <summary>
/// The pages of a withdraw link, in the person's language, with the strict headers of
/// <see cref="HtmlPages"/>. The question's one button posts back to the link, so opening it (as mail
/// scanners do) changes nothing.
/// </summary>
public static class WithdrawPages
{
    /// <summary>The page a withdraw link opens: the question, and a button that posts the token from the link's fragment (<see cref="LinkLanding"/>).</summary>
    public static IActionResult Ask(Language language, WithdrawTexts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return LinkLanding.Page(language, texts.AskTitle, texts.AskText, texts.Button, HtmlLayout.WithdrawColour, submitsItself: false);
    }

    /// <param name="path">The link's path: the page's button posts back to it, with the page's language.</param>
    public static IActionResult For(WithdrawOutcome outcome, string path, WithdrawTexts texts)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(texts);
        var language = outcome.Language;
        return outcome switch
        {
            WithdrawOutcome.Held => HtmlPages.Message(200, language, texts.AskTitle, texts.AskText,
                new PageButton($"{path}?lang={language.Code()}", texts.Button.In(language))),
            WithdrawOutcome.Withdrawn => HtmlPages.Message(200, language, texts.DoneTitle, texts.DoneText),
            WithdrawOutcome.Expired => HtmlPages.Message(410, language, LinkPageMessages.ExpiredTitle, LinkPageMessages.WithdrawExpiredText),
            WithdrawOutcome.Unavailable => HtmlPages.Message(503, language, LinkPageMessages.TryAgainTitle, LinkPageMessages.TryAgainText),
            _ => HtmlPages.Message(400, language, LinkPageMessages.NotValidTitle, LinkPageMessages.NotValidText),
        };
    }
}
