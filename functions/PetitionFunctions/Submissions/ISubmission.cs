using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>A submission as read from a body, before validation: only its language matters to the template.</summary>
public interface ISubmission
{
    string? Language { get; }
}
