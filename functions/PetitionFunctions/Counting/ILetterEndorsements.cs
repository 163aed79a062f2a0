using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Counting;

/// <summary>
/// What a sign-on letter counts: its approved endorsements (organisations, and leaders where the letter
/// allows them), not signatures. Implemented by the Endorsements stage, which itself reads counting's
/// options, so the dependency points this way.
/// </summary>
public interface ILetterEndorsements
{
    Task<int> ApprovedCountAsync(Campaign letter, CancellationToken cancellationToken);
}
