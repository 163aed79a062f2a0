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

/// <summary>The words of one kind of withdraw page, in one language: the question with its button, and the answer once done.</summary>
public sealed record WithdrawTexts(string AskTitle, string AskText, string Button, string DoneTitle, string DoneText);

/// <summary>
/// The pages of a withdraw link, in the person's language, with the strict headers of
/// <see cref="HtmlPages"/>. The question's one button posts back to the link, so opening it (as mail
/// scanners do) changes nothing.
/// </summary>
public static class WithdrawPages
{
    /// <param name="path">The link's path: the page's button posts back to it, with the page's language.</param>
    public static IActionResult For(WithdrawOutcome outcome, string path, Func<Language, WithdrawTexts> texts)
    {
        var language = outcome.Language;
        var words = texts(language);
        return outcome switch
        {
            WithdrawOutcome.Held => HtmlPages.Message(200, language, words.AskTitle, words.AskText,
                new PageButton($"{path}?lang={language.Code()}", words.Button)),
            WithdrawOutcome.Withdrawn => HtmlPages.Message(200, language, words.DoneTitle, words.DoneText),
            WithdrawOutcome.Unavailable when language == Language.Es => HtmlPages.Message(503, language, "Inténtelo de nuevo en un momento",
                "No pudimos completar esto ahora. Abra el enlace otra vez en unos minutos."),
            WithdrawOutcome.Unavailable => HtmlPages.Message(503, language, "Please try again in a moment",
                "We could not do this just now. Open the link again in a few minutes."),
            _ when language == Language.Es => HtmlPages.Message(400, language, "Este enlace no es válido",
                "Revise que copió el enlace completo del correo. Si el problema continúa, escriba a los organizadores de la campaña."),
            _ => HtmlPages.Message(400, language, "This link is not valid",
                "Check that you copied the whole link from the email. If it still does not work, write to the campaign's organisers."),
        };
    }
}
