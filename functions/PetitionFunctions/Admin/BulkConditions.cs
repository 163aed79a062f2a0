using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>
/// Reads the condition of a bulk action on signatures: <c>ip</c> or <c>ip_hash</c>, <c>email_domain</c>
/// or <c>email_domain_hash</c>, <c>received_from</c> and <c>received_to</c> (ISO 8601 with offset; from
/// inclusive, to exclusive). At least one is needed; an address or domain is hashed the way intake
/// hashed it and never kept. Every problem is one entry under its field.
/// </summary>
public static partial class BulkConditions
{
    private static readonly string[] Known = ["ip", "ip_hash", "email_domain", "email_domain_hash", "received_from", "received_to"];

    public static (SignatureCondition? Condition, FieldErrors Errors) Parse(string json, SenderHashes hashes)
    {
        var errors = new FieldErrors();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            errors.Add("body", FieldMessages.MalformedJson);
            return (null, errors);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("body", FieldMessages.NotAnObject);
                return (null, errors);
            }
            foreach (var property in root.EnumerateObject())
                if (!Known.Contains(property.Name, StringComparer.Ordinal)) errors.Add(property.Name, AdminMessages.UnknownRequestField);

            string? Text(string name) => JsonBody.Text(root, name, name, errors) is { } text && TextFields.Tidy(text) is { } tidy ? tidy : null;

            var ipHash = Either(Text("ip"), Text("ip_hash"), "ip", "ip_hash", errors, ip =>
                ClientAddress.Parse(ip) is { } address ? hashes.ForAddress(address) : null, AdminMessages.InvalidIp);
            var domainHash = Either(Text("email_domain"), Text("email_domain_hash"), "email_domain", "email_domain_hash", errors, domain =>
                DomainPattern().IsMatch(domain) ? hashes.ForEmailDomain(EmailAddresses.Canonical("x@" + domain.ToLowerInvariant())) : null,
                AdminMessages.InvalidDomain);
            var from = Time(Text("received_from"), "received_from", errors);
            var to = Time(Text("received_to"), "received_to", errors);
            if (from is not null && to is not null && from >= to) errors.Add("received_to", AdminMessages.EndNotAfterStart);

            var condition = new SignatureCondition(ipHash, domainHash, from, to);
            if (errors.IsEmpty && condition.IsEmpty) errors.Add("body", AdminMessages.ConditionRequired);
            return errors.IsEmpty ? (condition, errors) : (null, errors);
        }
    }

    /// <summary>A value in clear (hashed here) or its hash as the trends list shows it; not both.</summary>
    private static string? Either(string? clear, string? hash, string clearField, string hashField, FieldErrors errors,
        Func<string, string?> toHash, Func<Language, string> invalid)
    {
        if (clear is not null && hash is not null)
        {
            errors.Add(hashField, AdminMessages.NotBoth(clearField, hashField));
            return null;
        }
        if (hash is not null)
        {
            if (HashPattern().IsMatch(hash)) return hash;
            errors.Add(hashField, AdminMessages.InvalidHash);
            return null;
        }
        if (clear is null) return null;
        if (toHash(clear) is { } hashed) return hashed;
        errors.Add(clearField, invalid);
        return null;
    }

    private static DateTimeOffset? Time(string? text, string field, FieldErrors errors)
    {
        if (text is null) return null;
        if (IsoTimes.Parse(text) is { } time) return time;
        errors.Add(field, AdminMessages.InvalidDateTime);
        return null;
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex HashPattern();

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$")]
    private static partial Regex DomainPattern();
}
