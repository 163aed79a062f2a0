using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Stories;

/// <summary>A story that passed every rule, tidied for storage.</summary>
public sealed record ValidStory(
    string Text,
    Language Language,
    string? Name,
    string? Contact,
    bool ContactIsEmail,
    string? CountyOrCity,
    ConsentTier Consent,
    bool MayContact,
    bool SendConfirmation,
    Uri? ReturnUrl) : IValidSubmission;
