using System.Security.Cryptography;
using System.Text;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Common;

public class PersonalDataCipherTests
{
    private const string Context = "signature:clean-water:abc123";
    private const string Plaintext = "{\"givenName\":\"Ana\",\"email\":\"ana@example.org\"}";

    private static PersonalDataCipher NewCipher(PetitionSecrets? secrets = null) =>
        new(TestSecrets.Options(secrets ?? TestSecrets.Valid()));

    [Theory]
    [InlineData(Plaintext)]
    [InlineData("")]
    [InlineData("Ñandú — émoji 🙂")]
    public void Decrypt_returns_what_was_encrypted(string text)
    {
        var cipher = NewCipher();
        Assert.Equal(text, cipher.Decrypt(cipher.Encrypt(text, Context), Context));
    }

    [Fact]
    public void Ciphertext_names_the_active_key_and_does_not_contain_the_plaintext()
    {
        var cipher = NewCipher(TestSecrets.Valid("2024-01"));
        var sealedText = cipher.Encrypt(Plaintext, Context);
        Assert.StartsWith("2024-01:", sealedText);
        Assert.DoesNotContain("ana@example.org", sealedText);
        Assert.DoesNotContain("Ana", sealedText);
        var payload = Convert.FromBase64String(sealedText["2024-01:".Length..]);
        Assert.DoesNotContain("ana@example.org", Encoding.UTF8.GetString(payload));
        Assert.DoesNotContain("ana@example.org", Encoding.Latin1.GetString(payload));
    }

    [Fact]
    public void Two_encryptions_of_the_same_text_differ()
    {
        var cipher = NewCipher();
        var first = cipher.Encrypt(Plaintext, Context);
        var second = cipher.Encrypt(Plaintext, Context);
        Assert.NotEqual(first, second);
        Assert.Equal(cipher.Decrypt(first, Context), cipher.Decrypt(second, Context));
    }

    [Fact]
    public void Decrypting_with_a_different_context_throws()
    {
        var cipher = NewCipher();
        var sealedText = cipher.Encrypt(Plaintext, Context);
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(sealedText, "signature:clean-water:other"));
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(12)]  // first ciphertext byte
    [InlineData(-1)]  // last tag byte
    public void A_tampered_byte_throws(int index)
    {
        var cipher = NewCipher(TestSecrets.Valid("k1"));
        var sealedText = cipher.Encrypt(Plaintext, Context);
        var bytes = Convert.FromBase64String(sealedText["k1:".Length..]);
        bytes[index < 0 ? bytes.Length + index : index] ^= 0x01;
        var tampered = "k1:" + Convert.ToBase64String(bytes);
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt(tampered, Context));
    }

    [Fact]
    public void A_truncated_value_throws()
    {
        var cipher = NewCipher(TestSecrets.Valid("k1"));
        Assert.ThrowsAny<CryptographicException>(() => cipher.Decrypt("k1:" + Convert.ToBase64String(new byte[20]), Context));
    }

    [Theory]
    [InlineData("unknown:AAAA")]
    [InlineData("no-separator")]
    [InlineData(":AAAA")]
    public void A_value_without_a_configured_key_throws(string protectedText) =>
        Assert.ThrowsAny<CryptographicException>(() => NewCipher().Decrypt(protectedText, Context));

    [Fact]
    public void A_different_key_under_the_same_id_cannot_decrypt()
    {
        var sealedText = NewCipher(TestSecrets.Valid("k1")).Encrypt(Plaintext, Context);
        Assert.ThrowsAny<CryptographicException>(() => NewCipher(TestSecrets.Valid("k1")).Decrypt(sealedText, Context));
    }

    [Fact]
    public void After_rotation_old_values_still_decrypt_and_new_ones_use_the_new_key()
    {
        var oldKey = TestSecrets.NewKey();
        var before = NewCipher(new PetitionSecrets
        {
            DedupeKey = TestSecrets.NewKey(),
            EncryptionKeys = new() { ["2024"] = oldKey },
            ActiveEncryptionKeyId = "2024",
        });
        var oldValue = before.Encrypt(Plaintext, Context);
        Assert.StartsWith("2024:", oldValue);

        var after = NewCipher(new PetitionSecrets
        {
            DedupeKey = TestSecrets.NewKey(),
            EncryptionKeys = new() { ["2024"] = oldKey, ["2025"] = TestSecrets.NewKey() },
            ActiveEncryptionKeyId = "2025",
        });
        Assert.Equal(Plaintext, after.Decrypt(oldValue, Context));

        var newValue = after.Encrypt(Plaintext, Context);
        Assert.StartsWith("2025:", newValue);
        Assert.Equal(Plaintext, after.Decrypt(newValue, Context));
        // The old configuration does not know the new key.
        Assert.ThrowsAny<CryptographicException>(() => before.Decrypt(newValue, Context));
    }
}
