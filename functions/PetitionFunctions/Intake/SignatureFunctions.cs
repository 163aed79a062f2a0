using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Partners;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

public sealed class SignatureFunctions(SignatureIntake intake, SubmissionDoor door, Requesters requesters, PartnerKeys partners, PublicLinks links, TimeProvider time)
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
        var requester = requesters.Of(request);
        if (request.Headers.TryGetValue(PartnerTokens.Header, out var partnerKey))
        {
            // A partner's server: its key must allow signing on this campaign, and its source then stands.
            var access = await partners.CheckAsync(partnerKey, slug, PartnerScopes.Sign, cancellationToken);
            if (access is not PartnerAccess.Granted granted) return Problems.For(((PartnerAccess.Refused)access).Problem, language);
            requester = requester with { Partner = granted.Key.Partner };
        }
        var outcome = await intake.SubmitAsync(slug, body!, language, requester, cancellationToken);
        return SubmissionAnswers.For(outcome, IntakeMessages.Receipt, HalJson.IsWanted(request) ? OsdiAnswer : null);

        IActionResult OsdiAnswer(IntakeOutcome.Received received) =>
            OsdiSignatureReceipt.Answer((ValidSignature)received.Submission, IntakeMessages.Receipt.In(received.Language),
                new Uri(links.BaseUrl, $"api/campaigns/{slug}"), time.GetUtcNow());
    }

    /// <summary>The browser's CORS preflight before a cross-origin JSON post: allowed origins only.</summary>
    [Function(nameof(SignaturePreflight))]
    public async Task<IActionResult> SignaturePreflight(
        [HttpTrigger(AuthorizationLevel.Anonymous, "options", Route = "campaigns/{slug}/signatures")] HttpRequest request,
        string slug) =>
        await door.AllowsOriginAsync(Entrance.Signatures, slug, Requesters.OriginOf(request))
            ? HttpAnswers.Preflight(Requesters.OriginOf(request)!, "POST")
            : Problems.For(ProblemKind.OriginNotAllowed, HttpAnswers.LanguageOf(request));
}
