using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>A submission that passed its stage's rules: the answer speaks its language and may send the browser back.</summary>
public interface IValidSubmission
{
    Language Language { get; }

    Uri? ReturnUrl { get; }
}
