using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Common;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Confirmation;

public abstract record SignatureWithdrawOutcome(Language Language)
{
    /// <summary>The link is genuine and the signature stands: the page asks "withdraw it?".</summary>
    public sealed record Held(Language Language) : SignatureWithdrawOutcome(Language);

    /// <summary>The signature is withdrawn: now, or before. The same page every time.</summary>
    public sealed record Withdrawn(Language Language) : SignatureWithdrawOutcome(Language);

    public sealed record NotValid(Language Language) : SignatureWithdrawOutcome(Language);

    public sealed record Unavailable(Language Language) : SignatureWithdrawOutcome(Language);
}

/// <summary>
/// The withdraw link in every email a signer gets (signed, purpose "withdraw", so a confirm link cannot
/// withdraw nor this one confirm). Opening it (GET) changes nothing, since mail scanners open links
/// before people do; the page's one button posts to the same address and withdraws the signature
/// (<see cref="SignatureTable.WithdrawAsync"/>): it stops counting at the next roll-up and its personal
/// details are deleted. Idempotent. A signer's right to withdraw does not lapse, so the token's expiry
/// is not enforced.
/// </summary>
public sealed class SignatureWithdrawal(LinkTokens tokens, SignatureTable signatures, TimeProvider time, ILogger<SignatureWithdrawal> log)
{
    public Task<SignatureWithdrawOutcome> CheckAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        RunAsync(token, browserLanguage, withdraw: false, cancellationToken);

    public Task<SignatureWithdrawOutcome> WithdrawAsync(string token, Language browserLanguage, CancellationToken cancellationToken) =>
        RunAsync(token, browserLanguage, withdraw: true, cancellationToken);

    private async Task<SignatureWithdrawOutcome> RunAsync(string token, Language browserLanguage, bool withdraw, CancellationToken cancellationToken)
    {
        if (tokens.Read(LinkTokens.WithdrawPurpose, token) is not { } claims) return new SignatureWithdrawOutcome.NotValid(browserLanguage);
        try
        {
            var signature = await signatures.FindAsync(claims.Campaign, claims.SignatureKey, cancellationToken);
            if (signature is null) return new SignatureWithdrawOutcome.NotValid(browserLanguage);
            if (signature.State == SignatureState.Withdrawn) return new SignatureWithdrawOutcome.Withdrawn(signature.Language);
            if (!withdraw) return new SignatureWithdrawOutcome.Held(signature.Language);

            var withdrawal = await signatures.WithdrawAsync(claims.Campaign, claims.SignatureKey, time.GetUtcNow(), WithdrawnBy.Signer, cancellationToken);
            if (withdrawal is null) return new SignatureWithdrawOutcome.NotValid(browserLanguage);
            if (withdrawal.Changed)
                log.LogInformation("Signature {Signature} on {Campaign} was withdrawn by its signer (was counted: {Counted}).",
                    claims.SignatureKey[..8], claims.Campaign, withdrawal.WasCounted);
            return new SignatureWithdrawOutcome.Withdrawn(signature.Language);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            log.LogWarning("Storage was unavailable while withdrawing a signature on {Campaign} ({Failure}).", claims.Campaign, e.GetType().Name);
            return new SignatureWithdrawOutcome.Unavailable(browserLanguage);
        }
    }
}

/// <summary>The withdraw pages, in the signer's language, with the strict headers of <see cref="HtmlPages"/>.</summary>
public static class WithdrawPages
{
    /// <param name="path">The link's path: the page's button posts back to it, with the page's language.</param>
    public static IActionResult For(SignatureWithdrawOutcome outcome, string path) => Render(outcome, $"{path}?lang={outcome.Language.Code()}");

    private static IActionResult Render(SignatureWithdrawOutcome outcome, string formAction) => outcome switch
    {
        SignatureWithdrawOutcome.Held { Language: Language.Es } => HtmlPages.Message(200, Language.Es, "¿Retirar su firma?",
            "Si la retira, dejará de contar y borraremos su nombre, correo y demás datos. Podrá volver a firmar cuando quiera.",
            new PageButton(formAction, "Sí, retirar mi firma")),
        SignatureWithdrawOutcome.Held => HtmlPages.Message(200, Language.En, "Withdraw your signature?",
            "If you withdraw it, it will stop counting and we will delete your name, email and other details. You can sign again at any time.",
            new PageButton(formAction, "Yes, withdraw my signature")),
        SignatureWithdrawOutcome.Withdrawn { Language: Language.Es } => HtmlPages.Message(200, Language.Es, "Su firma fue retirada",
            "Ya no cuenta y borramos sus datos personales. El total de la campaña se actualizará en unos minutos. Puede cerrar esta página."),
        SignatureWithdrawOutcome.Withdrawn => HtmlPages.Message(200, Language.En, "Your signature has been withdrawn",
            "It no longer counts and we deleted your personal details. The campaign's total will update within minutes. You can close this page."),
        SignatureWithdrawOutcome.Unavailable { Language: Language.Es } => HtmlPages.Message(503, Language.Es, "Inténtelo de nuevo en un momento",
            "No pudimos completar esto ahora. Abra el enlace otra vez en unos minutos."),
        SignatureWithdrawOutcome.Unavailable => HtmlPages.Message(503, Language.En, "Please try again in a moment",
            "We could not do this just now. Open the link again in a few minutes."),
        { Language: Language.Es } => HtmlPages.Message(400, Language.Es, "Este enlace no es válido",
            "Revise que copió el enlace completo del correo. Si el problema continúa, escriba a los organizadores de la campaña."),
        _ => HtmlPages.Message(400, Language.En, "This link is not valid",
            "Check that you copied the whole link from the email. If it still does not work, write to the campaign's organisers."),
    };
}
