using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// The HTTP answer to a signature, endorsement or story submission: 303 to the return URL for a form
/// post, else 202 with the stage's receipt, or problem+json (an HTML page for a form post, which a
/// browser shows as it is). A new and a repeated submission get the
/// same answer: nobody can probe who took part.
/// </summary>
public static class SubmissionAnswers
{
    /// <param name="representation">The stage's own shape of the 202 answer, when the client asked for one (OSDI's); else the receipt.</param>
    public static IActionResult For(IntakeOutcome outcome, Func<Language, string> receipt, Func<IntakeOutcome.Received, IActionResult>? representation = null) =>
        HttpAnswers.SharedWith(outcome.CorsOrigin, outcome switch
    {
        IntakeOutcome.Received { ReturnUrl: { } returnUrl } => HttpAnswers.SeeOther(returnUrl),
        IntakeOutcome.Received received when representation is not null => representation(received),
        IntakeOutcome.Received received => new ObjectResult(new Receipt("received", receipt(received.Language)))
        {
            StatusCode = StatusCodes.Status202Accepted,
        },
        IntakeOutcome.Refused { Form: { } form } refused => Problems.Page(refused.Problem, refused.Errors, refused.Language, form.Back),
        IntakeOutcome.Refused { Errors: { IsEmpty: false } errors } refused => Problems.Fields(errors, refused.Language, refused.Problem),
        IntakeOutcome.Refused refused => Problems.For(refused.Problem, refused.Language, retryAfter: refused.RetryAfter),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    });

    public sealed record Receipt(string Status, string Message);
}
