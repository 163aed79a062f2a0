using System.Text.Json;
using PetitionFunctions.Common;

namespace PetitionFunctions.Partners;

/// <summary>An admin's request for a partner key: <c>{"partner": "ndlon", "scopes": ["sign", "read"], "expires_in_days": 365}</c>.</summary>
public sealed record PartnerKeyRequest(string Partner, PartnerScopes Scopes, int ExpiresInDays)
{
    public const int DefaultDays = 365;
    public const int MaxDays = 730;

    public static (PartnerKeyRequest? Request, FieldErrors Errors) Parse(string json)
    {
        var errors = new FieldErrors();
        using var document = JsonBody.ParseObject(json, errors);
        if (document is null) return (null, errors);
        var root = document.RootElement;

        // The partner is named by the source code its signers are counted under, folded as every source is.
        var partner = SourceCodes.Normalize(JsonBody.Text(root, "partner", "partner", errors));
        if (partner is null && !errors.Has("partner")) errors.Add("partner", FieldMessages.Required);

        var scopes = PartnerScopes.None;
        if (!root.TryGetProperty("scopes", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            errors.Add("scopes", PartnerMessages.ScopesRequired);
        else
            foreach (var (entry, index) in list.EnumerateArray().Select((entry, index) => (entry, index)))
                switch (entry.ValueKind == JsonValueKind.String ? entry.GetString() : null)
                {
                    case "sign": scopes |= PartnerScopes.Sign; break;
                    case "read": scopes |= PartnerScopes.Read; break;
                    default: errors.Add($"scopes[{index}]", PartnerMessages.UnknownScope); break;
                }

        var days = DefaultDays;
        if (root.TryGetProperty("expires_in_days", out var expires) && expires.ValueKind != JsonValueKind.Null
            && (expires.ValueKind != JsonValueKind.Number || !expires.TryGetInt32(out days) || days is < 1 or > MaxDays))
            errors.Add("expires_in_days", PartnerMessages.InvalidLifetime);

        return errors.IsEmpty ? (new PartnerKeyRequest(partner!, scopes, days), errors) : (null, errors);
    }
}
