using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PetitionFunctions.Signatures;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Signatures;

public class DedupeKeysTests
{
    private static DedupeKeys NewKeys(string? secret = null)
    {
        var secrets = TestSecrets.Valid();
        if (secret is not null) secrets.DedupeKey = secret;
        return new DedupeKeys(TestSecrets.Options(secrets));
    }

    [Fact]
    public void The_same_email_gives_the_same_64_hex_character_key()
    {
        var keys = NewKeys();
        var first = keys.For("ana@example.org");
        var second = keys.For("ana@example.org");
        Assert.Equal(first, second);
        Assert.Matches(new Regex("^[0-9a-f]{64}$"), first);
    }

    [Fact]
    public void The_same_secret_gives_the_same_key_in_another_instance()
    {
        var secret = TestSecrets.NewKey();
        Assert.Equal(NewKeys(secret).For("ana@example.org"), NewKeys(secret).For("ana@example.org"));
    }

    [Fact]
    public void Different_emails_give_different_keys()
    {
        var keys = NewKeys();
        Assert.NotEqual(keys.For("ana@example.org"), keys.For("ana2@example.org"));
    }

    [Fact]
    public void A_different_secret_gives_a_different_key() =>
        Assert.NotEqual(NewKeys().For("ana@example.org"), NewKeys().For("ana@example.org"));

    [Fact]
    public void The_key_is_an_hmac_of_the_email_under_the_secret()
    {
        var secret = RandomNumberGenerator.GetBytes(32);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(secret, "ana@example.org"u8.ToArray()));
        Assert.Equal(expected, NewKeys(Convert.ToBase64String(secret)).For("ana@example.org"));
    }

    [Fact]
    public void The_key_does_not_contain_the_email() =>
        Assert.DoesNotContain("ana", NewKeys().For("ana@example.org"));

    [Theory]
    [InlineData("0fa", "clean-water:0")]
    [InlineData("a0f", "clean-water:a")]
    [InlineData("f00", "clean-water:f")]
    public void PartitionOf_uses_the_first_hex_digit(string key, string expected) =>
        Assert.Equal(expected, DedupeKeys.PartitionOf("clean-water", key));

    [Fact]
    public void PartitionsOf_yields_16_distinct_partitions()
    {
        var partitions = DedupeKeys.PartitionsOf("clean-water").ToList();
        Assert.Equal(DedupeKeys.Partitions, partitions.Count);
        Assert.Equal(16, partitions.Distinct().Count());
        Assert.All(partitions, p => Assert.Matches("^clean-water:[0-9a-f]$", p));
    }

    [Fact]
    public void Every_key_falls_in_one_of_the_listed_partitions()
    {
        var keys = NewKeys();
        var partitions = DedupeKeys.PartitionsOf("clean-water").ToHashSet();
        for (var i = 0; i < 200; i++)
            Assert.Contains(DedupeKeys.PartitionOf("clean-water", keys.For($"person{i}@example.org")), partitions);
    }

    [Fact]
    public void Random_emails_use_all_16_partitions()
    {
        var keys = NewKeys();
        var used = new HashSet<string>();
        for (var i = 0; i < 2000; i++)
        {
            var email = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "@example.org";
            used.Add(DedupeKeys.PartitionOf("clean-water", keys.For(email)));
        }
        Assert.Equal(DedupeKeys.PartitionsOf("clean-water").Order(), used.Order());
    }
}
