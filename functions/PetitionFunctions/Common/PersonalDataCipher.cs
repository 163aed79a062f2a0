using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Common;

/// <summary>
/// Authenticated encryption (AES-256-GCM) of personal data before it reaches storage. The output names
/// the key it was made with ("keyId:base64"), so keys can rotate while old rows stay readable. The
/// context (for example the row's identity) is bound as associated data: a ciphertext copied onto
/// another row does not decrypt.
/// </summary>
public sealed class PersonalDataCipher
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;

    public PersonalDataCipher(IOptions<PetitionSecrets> secrets)
    {
        _keys = secrets.Value.EncryptionKeys.ToDictionary(pair => pair.Key, pair => Convert.FromBase64String(pair.Value));
        _activeKeyId = secrets.Value.ActiveEncryptionKeyId!;
    }

    public string Encrypt(string plaintext, string context)
    {
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceBytes + clear.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_activeKeyId], TagBytes);
        aes.Encrypt(nonce, clear, sealedBytes.AsSpan(NonceBytes, clear.Length),
            sealedBytes.AsSpan(NonceBytes + clear.Length), Encoding.UTF8.GetBytes(context));
        return _activeKeyId + ":" + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The text was altered, belongs to another context, or its key is gone.</exception>
    public string Decrypt(string protectedText, string context)
    {
        var separator = protectedText.IndexOf(':');
        if (separator <= 0 || !_keys.TryGetValue(protectedText[..separator], out var key))
            throw new CryptographicException("The encryption key for this value is not configured.");
        var sealedBytes = Convert.FromBase64String(protectedText[(separator + 1)..]);
        if (sealedBytes.Length < NonceBytes + TagBytes) throw new CryptographicException("The value is too short.");
        var cipherLength = sealedBytes.Length - NonceBytes - TagBytes;
        var clear = new byte[cipherLength];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, cipherLength),
            sealedBytes.AsSpan(NonceBytes + cipherLength), clear, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(clear);
    }
}
