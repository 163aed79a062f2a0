using System.Text.Json.Nodes;

namespace PetitionFunctions.Common;

/// <summary>JSON Merge Patch (RFC 7396): an object patch merges member by member, null removes a member, anything else replaces.</summary>
public static class JsonMergePatch
{
    public const string MediaType = "application/merge-patch+json";

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject members) return patch?.DeepClone();
        var result = target is JsonObject original ? original.DeepClone().AsObject() : [];
        foreach (var (name, value) in members)
        {
            if (value is null) result.Remove(name);
            else result[name] = Apply(result[name], value);
        }
        return result;
    }
}
