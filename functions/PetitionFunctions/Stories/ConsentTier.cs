using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Stories;

/// <summary>Who the writer lets read their story. Chosen by the writer; no admin can widen it.</summary>
public enum ConsentTier
{
    /// <summary>Publish it with my name.</summary>
    PublishWithName,
    /// <summary>Publish it without my name.</summary>
    PublishAnonymously,
    /// <summary>Share it only with the campaign's target (in the delivery packet), never publicly.</summary>
    TargetOnly,
    /// <summary>Keep it inside the coalition: never published, never delivered.</summary>
    Internal,
}
