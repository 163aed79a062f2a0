using Microsoft.Extensions.Options;

namespace PetitionFunctions.Common;

/// <summary>
/// The app's secrets, read from configuration (Key Vault references in Azure). Section "Petitions".
/// </summary>
public sealed class PetitionSecrets
{
    public const string Section = "Petitions";
    public const int MinimumKeyBytes = 32;

    /// <summary>Base64 key of the HMAC that turns an email into a dedupe key. Never rotate it casually: dedupe depends on it.</summary>
    public string? DedupeKey { get; set; }

    /// <summary>Base64 key that signs the links in emails (confirm, later withdraw). Rotating it voids links already sent.</summary>
    public string? LinkKey { get; set; }

    /// <summary>Base64 AES-256 keys by id, for personal data at rest. Old ids stay to read old rows.</summary>
    public Dictionary<string, string> EncryptionKeys { get; set; } = new();

    /// <summary>The id of the key new rows are encrypted with.</summary>
    public string? ActiveEncryptionKeyId { get; set; }

    public byte[] DedupeKeyBytes() => Convert.FromBase64String(DedupeKey!);

    public byte[] LinkKeyBytes() => Convert.FromBase64String(LinkKey!);
}

/// <summary>Refuses to start the app with missing, short or unresolved secrets.</summary>
public sealed class PetitionSecretsValidator : IValidateOptions<PetitionSecrets>
{
    public ValidateOptionsResult Validate(string? name, PetitionSecrets options)
    {
        var failures = new List<string>();
        CheckKey(failures, $"{PetitionSecrets.Section}:DedupeKey", options.DedupeKey);
        CheckKey(failures, $"{PetitionSecrets.Section}:LinkKey", options.LinkKey);
        if (options.LinkKey is not null && options.LinkKey == options.DedupeKey)
            failures.Add($"{PetitionSecrets.Section}:LinkKey must differ from DedupeKey.");

        if (string.IsNullOrWhiteSpace(options.ActiveEncryptionKeyId))
            failures.Add($"{PetitionSecrets.Section}:ActiveEncryptionKeyId is missing.");
        else if (!options.EncryptionKeys.ContainsKey(options.ActiveEncryptionKeyId))
            failures.Add($"{PetitionSecrets.Section}:EncryptionKeys has no key '{options.ActiveEncryptionKeyId}' (the active key id).");
        foreach (var (id, key) in options.EncryptionKeys)
        {
            if (id.Contains(':')) failures.Add($"Encryption key id '{id}' may not contain ':'.");
            CheckKey(failures, $"{PetitionSecrets.Section}:EncryptionKeys:{id}", key, exactBytes: 32);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckKey(List<string> failures, string setting, string? value, int? exactBytes = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is missing: set it to a random base64 key of at least {PetitionSecrets.MinimumKeyBytes} bytes.");
            return;
        }
        if (value.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{setting} is an unresolved Key Vault reference: check the app's identity and the secret's name.");
            return;
        }
        byte[] bytes;
        try { bytes = Convert.FromBase64String(value); }
        catch (FormatException)
        {
            failures.Add($"{setting} is not valid base64.");
            return;
        }
        if (bytes.Length < PetitionSecrets.MinimumKeyBytes)
            failures.Add($"{setting} is {bytes.Length} bytes; it must be at least {PetitionSecrets.MinimumKeyBytes}.");
        else if (exactBytes is { } exact && bytes.Length != exact)
            failures.Add($"{setting} is {bytes.Length} bytes; an AES-256 key is exactly {exact}.");
    }
}
