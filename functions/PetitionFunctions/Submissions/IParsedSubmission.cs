using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>The outcome of reading a body: a submission, field errors in its structure, or a body that is not JSON at all.</summary>
public interface IParsedSubmission<out TSubmission> where TSubmission : ISubmission
{
    TSubmission? Submission { get; }

    FieldErrors Errors { get; }

    bool Malformed { get; }
}
