using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Submissions;

/// <summary>
/// How a signature, endorsement or story submission ended. A new and a repeated one are the same outcome, on purpose.
/// <see cref="CorsOrigin"/> is the browser origin the answer may be shared with, when the campaign allows it.
/// </summary>
public abstract record IntakeOutcome(Language Language)
{
    public string? CorsOrigin { get; init; }

    /// <summary>Set for a plain HTML form post (a page without JavaScript): a refusal is then a page, linking back here when known.</summary>
    public FormPost? Form { get; init; }

    /// <param name="Submission">What was taken, as the rules tidied it: for an answer shaped after it (OSDI's).</param>
    public sealed record Received(Language Language, Uri? ReturnUrl, IValidSubmission Submission) : IntakeOutcome(Language);

    /// <param name="Back">The form's page, when the browser said (its Referer).</param>
    public sealed record FormPost(Uri? Back);

    public sealed record Refused(Language Language, ProblemKind Problem, FieldErrors? Errors = null) : IntakeOutcome(Language)
    {
        public TimeSpan? RetryAfter { get; init; }
    }
}
