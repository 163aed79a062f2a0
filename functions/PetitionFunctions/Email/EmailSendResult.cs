namespace PetitionFunctions.Email;

public abstract record EmailSendResult
{
    public sealed record Sent : EmailSendResult;

    /// <summary>A permanent refusal (for example the address does not exist): retrying will not help.</summary>
    public sealed record Rejected(string Reason) : EmailSendResult;

    public static readonly EmailSendResult SentResult = new Sent();
}
