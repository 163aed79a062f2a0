namespace PetitionFunctions.Common;

/// <summary>What opening or pressing a withdraw link (a signature's or a story's) came to.</summary>
public abstract record WithdrawOutcome(Language Language)
{
    /// <summary>The link is genuine and what it names still stands: the page asks "withdraw it?".</summary>
    public sealed record Held(Language Language) : WithdrawOutcome(Language);

    /// <summary>Withdrawn now, or before: the same page every time.</summary>
    public sealed record Withdrawn(Language Language) : WithdrawOutcome(Language);

    public sealed record NotValid(Language Language) : WithdrawOutcome(Language);

    /// <summary>The link is genuine but older than a withdraw link lives.</summary>
    public sealed record Expired(Language Language) : WithdrawOutcome(Language);

    public sealed record Unavailable(Language Language) : WithdrawOutcome(Language);
}
