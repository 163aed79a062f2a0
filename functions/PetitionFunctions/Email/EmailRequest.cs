using System.Text.Json.Serialization;
using PetitionFunctions.Common;

namespace PetitionFunctions.Email;

/// <summary>
/// An email a record (a signature, an endorsement, a story) is owed: the queue message, and what its
/// outbox row stands for. It names the record and nothing about the person: the sender reads the
/// encrypted details from the record's table. <see cref="Sequence"/> numbers the emails of one record,
/// so a message delivered twice is sent once.
/// </summary>
public sealed record EmailRequest(string Campaign, string Key, int Sequence = 1, EmailKind Kind = EmailKind.Confirm)
{
    public string ToJson() => QueueMessageJson.ToJson(this);

    public static EmailRequest? TryParse(string message) => QueueMessageJson.TryParse<EmailRequest>(message, IsValid);

    /// <exception cref="FormatException">The message is not an email request; retrying will not help.</exception>
    public static EmailRequest Parse(string message) => QueueMessageJson.Parse<EmailRequest>(message, IsValid);

    private static bool IsValid(EmailRequest request) =>
        Campaigns.Campaign.IsValidSlug(request.Campaign ?? "") && IsKey(request.Key ?? "") && request.Sequence >= 1 && Enum.IsDefined(request.Kind);

    /// <summary>Record keys are hex digests or random ids: letters, digits and dashes.</summary>
    private static bool IsKey(string key) => key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');

    /// <summary>The first characters of the record's key: enough to follow one email through the logs.</summary>
    [JsonIgnore]
    /// <summary>How logs name the record (<see cref="LogRefs"/>): never the key itself, which derives from the person's address.</summary>
    public string LogRef => LogRefs.Of(Key);
}
