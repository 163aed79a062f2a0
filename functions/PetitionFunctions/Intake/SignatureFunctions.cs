using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;

namespace PetitionFunctions.Intake;

public sealed class SignatureFunctions(SignatureIntake intake, SubmissionDoor door, ConfirmationOutboxRelay relay)
{
    [Function(nameof(SubmitSignature))]
    public async Task<IActionResult> SubmitSignature(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "campaigns/{slug}/signatures")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (problem is { } bodyProblem) return Problems.For(bodyProblem, language);
        return SignatureAnswers.For(await intake.SubmitAsync(slug, body!, language, Requesters.Of(request), cancellationToken));
    }

    /// <summary>The browser's CORS preflight before a cross-origin JSON post: allowed origins only.</summary>
    [Function(nameof(SignaturePreflight))]
    public async Task<IActionResult> SignaturePreflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "campaigns/{slug}/signatures")] HttpRequest request,
        string slug) =>
        await door.AllowsOriginAsync(slug, Requesters.OriginOf(request))
            ? HttpAnswers.Preflight(Requesters.OriginOf(request)!, "POST")
            : Problems.For(ProblemKind.OriginNotAllowed, HttpAnswers.LanguageOf(request));

    [Function(nameof(RelayPendingConfirmations))]
    public Task RelayPendingConfirmations([TimerTrigger("0 */2 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.RelayAsync(cancellationToken);
}

/// <summary>The HTTP answer to a submission. New and repeated signatures get the same one: nobody can probe who signed.</summary>
public static class SignatureAnswers
{
    public static IActionResult For(IntakeOutcome outcome) => HttpAnswers.SharedWith(outcome.CorsOrigin, Answer(outcome));

    private static IActionResult Answer(IntakeOutcome outcome) => outcome switch
    {
        IntakeOutcome.Received { ReturnUrl: { } returnUrl } => HttpAnswers.SeeOther(returnUrl),
        IntakeOutcome.Received received => new ObjectResult(new Receipt("received", ReceiptMessage(received.Language)))
        {
            StatusCode = StatusCodes.Status202Accepted,
        },
        IntakeOutcome.Refused { Errors: { IsEmpty: false } errors } refused => Problems.Fields(errors, refused.Language, refused.Problem),
        IntakeOutcome.Refused refused => Problems.For(refused.Problem, refused.Language, retryAfter: refused.RetryAfter),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static string ReceiptMessage(Language language) => language == Language.Es
        ? "¡Gracias! Revise su correo: le enviamos un enlace para confirmar su firma."
        : "Thank you! Check your email: we sent you a link to confirm your signature.";

    public sealed record Receipt(string Status, string Message);
}
