using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;

namespace PetitionFunctions.Stories;

public abstract record WithdrawOutcome(Language Language)
{
    /// <summary>The link is genuine and the story is still held: the page asks "withdraw it?".</summary>
    public sealed record Held(Language Language) : WithdrawOutcome(Language);

    /// <summary>The story is gone: withdrawn now, withdrawn before, or deleted by retention. The same page every time.</summary>
    public sealed record Withdrawn(Language Language) : WithdrawOutcome(Language);

    public sealed record NotValid(Language Language) : WithdrawOutcome(Language);

    public sealed record Unavailable(Language Language) : WithdrawOutcome(Language);
}

/// <summary>
/// The withdraw link of a story's receipt email (signed, purpose "withdraw-story"). Opening it (GET)
/// changes nothing: mail scanners open links before people do, and a scanner must not delete a story.
/// The page it shows has one button, which posts to the same address and deletes the story for good.
/// Both are idempotent: once the story is gone every open and every post shows "withdrawn". A
/// writer's right to withdraw does not lapse, so the token's expiry is not enforced.
/// </summary>
public sealed class StoryWithdrawal(LinkTokens tokens, StoryTable stories, StoryReads reads, ILogger<StoryWithdrawal> log)
{
    public async Task<WithdrawOutcome> CheckAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        await RunAsync(token, browserLanguage, withdraw: false, cancellationToken);

    public async Task<WithdrawOutcome> WithdrawAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        await RunAsync(token, browserLanguage, withdraw: true, cancellationToken);

    private async Task<WithdrawOutcome> RunAsync(string token, Language browserLanguage, bool withdraw, CancellationToken cancellationToken)
    {
        if (tokens.Read(StoryEmailSender.WithdrawPurpose, token) is not { } claims) return new WithdrawOutcome.NotValid(browserLanguage);
        try
        {
            var story = await stories.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            if (story is null) return new WithdrawOutcome.Withdrawn(browserLanguage);
            if (!withdraw) return new WithdrawOutcome.Held(story.Language);

            await stories.DeleteAsync(story.Campaign, story.Id, cancellationToken);
            reads.Forget(story.Campaign);
            log.LogInformation("Story {Story} on {Campaign} was withdrawn by its writer and deleted.", story.Id, story.Campaign);
            return new WithdrawOutcome.Withdrawn(story.Language);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while withdrawing a story on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new WithdrawOutcome.Unavailable(browserLanguage);
        }
    }
}

/// <summary>The withdraw pages: self-contained HTML in the writer's language, never cached, indexed or sending a Referer.</summary>
public static class StoryPages
{
    /// <param name="path">The link's path: the page's button posts back to it, with the page's language.</param>
    public static IActionResult For(WithdrawOutcome outcome, string path) => Render(outcome, $"{path}?lang={outcome.Language.Code()}");

    private static IActionResult Render(WithdrawOutcome outcome, string formAction) => outcome switch
    {
        WithdrawOutcome.Held { Language: Language.Es } => HtmlPages.Message(200, Language.Es, "¿Retirar su historia?",
            "Si la retira, la borraremos por completo: no se publicará ni se entregará, y no podremos recuperarla.",
            new PageButton(formAction, "Sí, retirar y borrar mi historia")),
        WithdrawOutcome.Held => HtmlPages.Message(200, Language.En, "Withdraw your story?",
            "If you withdraw it, we will delete it completely: it will not be published or delivered, and it cannot be recovered.",
            new PageButton(formAction, "Yes, withdraw and delete my story")),
        WithdrawOutcome.Withdrawn { Language: Language.Es } => HtmlPages.Message(200, Language.Es, "Su historia fue retirada",
            "Ya no guardamos su historia. Gracias por habernos confiado su experiencia. Puede cerrar esta página."),
        WithdrawOutcome.Withdrawn => HtmlPages.Message(200, Language.En, "Your story has been withdrawn",
            "We no longer hold your story. Thank you for having trusted us with it. You can close this page."),
        WithdrawOutcome.Unavailable { Language: Language.Es } => HtmlPages.Message(503, Language.Es, "Inténtelo de nuevo en un momento",
            "No pudimos completar esto ahora. Abra el enlace otra vez en unos minutos."),
        WithdrawOutcome.Unavailable => HtmlPages.Message(503, Language.En, "Please try again in a moment",
            "We could not do this just now. Open the link again in a few minutes."),
        { Language: Language.Es } => HtmlPages.Message(400, Language.Es, "Este enlace no es válido",
            "Revise que copió el enlace completo del correo. Si el problema continúa, escriba a los organizadores de la campaña."),
        _ => HtmlPages.Message(400, Language.En, "This link is not valid",
            "Check that you copied the whole link from the email. If it still does not work, write to the campaign's organisers."),
    };
}
