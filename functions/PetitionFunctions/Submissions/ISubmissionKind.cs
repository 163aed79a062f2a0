using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

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
