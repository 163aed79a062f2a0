using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

/// <summary>What opening or pressing a withdraw link (a signature's or a story's) came to.</summary>
public abstract record WithdrawOutcome(Language Language)
{
    /// <summary>The link is genuine and what it names still stands: the page asks "withdraw it?".</summary>
    public sealed record Held(Language Language) : WithdrawOutcome(Language);

    /// <summary>Withdrawn now, or before: the same page every time.</summary>
    public sealed record Withdrawn(Language Language) : WithdrawOutcome(Language);

    public sealed record NotValid(Language Language) : WithdrawOutcome(Language);

    public sealed record Unavailable(Language Language) : WithdrawOutcome(Language);
}

/// <summary>The words of one kind of withdraw page: the question with its button, and the answer once done.</summary>
public sealed record WithdrawTexts(LocalizedText AskTitle, LocalizedText AskText, LocalizedText Button, LocalizedText DoneTitle, LocalizedText DoneText);

/// <summary>
/// The pages of a withdraw link, in the person's language, with the strict headers of
/// <see cref="HtmlPages"/>. The question's one button posts back to the link, so opening it (as mail
/// scanners do) changes nothing.
/// </summary>
public static class WithdrawPages
{
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
            WithdrawOutcome.Unavailable => HtmlPages.Message(503, language, LinkPageMessages.TryAgainTitle, LinkPageMessages.TryAgainText),
            _ => HtmlPages.Message(400, language, LinkPageMessages.NotValidTitle, LinkPageMessages.NotValidText),
        };
    }
}
