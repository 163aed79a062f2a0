using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Stories;

/// <summary>
/// A story as submitted, before validation: whatever the person typed, or null. The names are the same
/// in JSON and in a form post. Nothing about immigration status is read: unknown fields are ignored.
/// </summary>
public sealed record StorySubmission : ISubmission
{
    public string? Story { get; init; }
    public string? Language { get; init; }
    public string? Name { get; init; }
    public string? Contact { get; init; }
    public string? CountyOrCity { get; init; }
    public string? Consent { get; init; }
    public bool? MayContact { get; init; }
    public bool? SendConfirmation { get; init; }
    public string? ReturnUrl { get; init; }
    public bool IsFormPost { get; init; }

    /// <summary>The honeypot (<see cref="SubmissionGuard.HoneypotField"/>): a field people never see. Anything in it means a bot.</summary>
    public string? Honeypot { get; init; }
}
