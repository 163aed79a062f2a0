using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Common;

public class PetitionSecretsValidatorTests
{
    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(PetitionSecrets secrets) =>
        new PetitionSecretsValidator().Validate(null, secrets);

    private static string FailureText(PetitionSecrets secrets)
    {
        var result = Validate(secrets);
        Assert.True(result.Failed);
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Failures);
        Assert.NotEmpty(result.Failures);
        return string.Join("\n", result.Failures);
    }

    [Fact]
    public void A_valid_set_succeeds()
    {
        var result = Validate(TestSecrets.Valid());
        Assert.True(result.Succeeded);
        Assert.False(result.Failed);
    }

    [Fact]
    public void A_valid_set_with_an_old_key_succeeds()
    {
        var secrets = TestSecrets.Valid("new");
        secrets.EncryptionKeys["old"] = TestSecrets.NewKey();
        Assert.True(Validate(secrets).Succeeded);
    }

    [Fact]
    public void A_longer_dedupe_key_succeeds()
    {
        var secrets = TestSecrets.Valid();
        secrets.DedupeKey = TestSecrets.NewKey(64);
        Assert.True(Validate(secrets).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_dedupe_key_fails(string? value)
    {
        var secrets = TestSecrets.Valid();
        secrets.DedupeKey = value;
        var text = FailureText(secrets);
        Assert.Contains("Petitions:DedupeKey", text);
        Assert.Contains("missing", text);
    }

    [Fact]
    public void A_16_byte_dedupe_key_fails()
    {
        var secrets = TestSecrets.Valid();
        secrets.DedupeKey = TestSecrets.NewKey(16);
        var text = FailureText(secrets);
        Assert.Contains("Petitions:DedupeKey", text);
        Assert.Contains("16 bytes", text);
    }

    [Fact]
    public void An_unresolved_key_vault_reference_fails_naming_key_vault()
    {
        var secrets = TestSecrets.Valid();
        secrets.DedupeKey = "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.net/secrets/dedupe/)";
        var text = FailureText(secrets);
        Assert.Contains("Petitions:DedupeKey", text);
        Assert.Contains("Key Vault", text);
    }

    [Fact]
    public void An_unresolved_key_vault_reference_for_an_encryption_key_fails_naming_key_vault()
    {
        var secrets = TestSecrets.Valid("k1");
        secrets.EncryptionKeys["k1"] = "@Microsoft.KeyVault(VaultName=vault;SecretName=k1)";
        var text = FailureText(secrets);
        Assert.Contains("Petitions:EncryptionKeys:k1", text);
        Assert.Contains("Key Vault", text);
    }

    [Fact]
    public void Invalid_base64_fails()
    {
        var secrets = TestSecrets.Valid();
        secrets.DedupeKey = "this is not base64!!";
        var text = FailureText(secrets);
        Assert.Contains("Petitions:DedupeKey", text);
        Assert.Contains("base64", text);
    }

    [Fact]
    public void An_active_key_id_without_its_key_fails()
    {
        var secrets = TestSecrets.Valid("k1");
        secrets.ActiveEncryptionKeyId = "k2";
        var text = FailureText(secrets);
        Assert.Contains("'k2'", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_active_key_id_fails(string? id)
    {
        var secrets = TestSecrets.Valid();
        secrets.ActiveEncryptionKeyId = id;
        Assert.Contains("ActiveEncryptionKeyId", FailureText(secrets));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(16)]
    [InlineData(33)]
    [InlineData(64)]
    public void An_encryption_key_that_is_not_32_bytes_fails(int bytes)
    {
        var secrets = TestSecrets.Valid("k1");
        secrets.EncryptionKeys["k1"] = TestSecrets.NewKey(bytes);
        var text = FailureText(secrets);
        Assert.Contains("Petitions:EncryptionKeys:k1", text);
        Assert.Contains($"{bytes} bytes", text);
    }

    [Fact]
    public void An_old_key_that_is_too_short_fails_too()
    {
        var secrets = TestSecrets.Valid("k1");
        secrets.EncryptionKeys["old"] = TestSecrets.NewKey(31);
        Assert.Contains("Petitions:EncryptionKeys:old", FailureText(secrets));
    }

    [Fact]
    public void A_missing_link_key_fails()
    {
        var secrets = TestSecrets.Valid();
        secrets.LinkKey = null;
        Assert.Contains("Petitions:LinkKey", FailureText(secrets));
    }

    [Fact]
    public void A_link_key_equal_to_the_dedupe_key_fails()
    {
        var secrets = TestSecrets.Valid();
        secrets.LinkKey = secrets.DedupeKey;
        Assert.Contains("LinkKey must differ from DedupeKey", FailureText(secrets));
    }

    [Fact]
    public void A_key_id_with_a_colon_fails()
    {
        var secrets = TestSecrets.Valid("a:b");
        Assert.Contains("':'", FailureText(secrets));
    }

    [Fact]
    public void Every_problem_is_reported()
    {
        var result = Validate(new PetitionSecrets
        {
            DedupeKey = TestSecrets.NewKey(16),
            LinkKey = TestSecrets.NewKey(),
            EncryptionKeys = new() { ["k1"] = TestSecrets.NewKey(31) },
            ActiveEncryptionKeyId = "k2",
        });
        Assert.True(result.Failed);
        Assert.Equal(3, result.Failures!.Count());
    }
}
