using System.Text.Json;
using System.Text.Json.Serialization;

namespace PetitionFunctions.Common;

/// <summary>
/// How every queue message is written and read: JSON in web casing, enums by name. A message that is not
/// JSON of the expected shape, or that fails its check, is a <see cref="FormatException"/>: retrying will
/// not help, so the queue moves it to the poison queue.
/// </summary>
public static class QueueMessageJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string ToJson<T>(T message) => JsonSerializer.Serialize(message, Json);

    /// <param name="isValid">Whether the fields name what they must (a valid slug, a key of the right shape).</param>
    /// <exception cref="FormatException">The message is not a <typeparamref name="T"/> that passes <paramref name="isValid"/>.</exception>
    public static T Parse<T>(string message, Func<T, bool> isValid) where T : class
    {
        T? read;
        try { read = JsonSerializer.Deserialize<T>(message, Json); }
        catch (JsonException e) { throw new FormatException($"The message is not a {typeof(T).Name}.", e); }
        return read is not null && isValid(read) ? read : throw new FormatException($"The {typeof(T).Name} names nothing it can act on.");
    }

    public static T? TryParse<T>(string message, Func<T, bool> isValid) where T : class
    {
        try { return Parse(message, isValid); }
        catch (FormatException) { return null; }
    }
}
