using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>A submission as read from a body, before validation: only its language matters to the template.</summary>
public interface ISubmission
{
    string? Language { get; }
}

/// <summary>A submission that passed its stage's rules: the answer speaks its language and may send the browser back.</summary>
public interface IValidSubmission
{
    Language Language { get; }

    Uri? ReturnUrl { get; }
}

/// <summary>The outcome of reading a body: a submission, field errors in its structure, or a body that is not JSON at all.</summary>
public interface IParsedSubmission<out TSubmission> where TSubmission : ISubmission
{
    TSubmission? Submission { get; }

    FieldErrors Errors { get; }

    bool Malformed { get; }
}

/// <summary>
/// What one kind of submission (a signature, an endorsement, a story) brings to the intake template in
/// <see cref="SubmissionDoor.TakeAsync"/>: its entrance, how it is read and judged, and how it is guarded and stored.
/// </summary>
public interface ISubmissionKind<TSubmission, TValid> where TSubmission : ISubmission where TValid : IValidSubmission
{
    Entrance Entrance { get; }

    IParsedSubmission<TSubmission> Parse(RequestBody body);

    (TValid? Valid, FieldErrors Errors) Validate(TSubmission submission, Campaign campaign, Language requestLanguage, FieldErrors parseErrors);

    /// <summary>Runs the kind's guards and stores what passes (or drops a bot's quietly); the refusal when a guard refuses.</summary>
    Task<IntakeOutcome.Refused?> GuardAndRecordAsync(Campaign campaign, TSubmission submission, TValid valid, Requester requester, Language language, CancellationToken cancellationToken);
}
