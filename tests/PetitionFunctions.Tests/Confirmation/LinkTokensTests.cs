using Microsoft.Extensions.Time.Testing;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Confirmation;

public sealed class LinkTokensTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly LinkTokens _tokens;
    private static readonly string Key = new('a', 64);

    public LinkTokensTests() => _tokens = new LinkTokens(TestSecrets.Options(TestSecrets.Valid()), _time);

    [Fact]
    public void A_token_reads_back_its_campaign_signature_and_expiry()
    {
        var token = _tokens.Create(LinkTokens.ConfirmPurpose, "governor-end-s-comm", Key, LinkTokens.ConfirmLifetime);

        var claims = _tokens.Read(LinkTokens.ConfirmPurpose, token);

        Assert.NotNull(claims);
        Assert.Equal("governor-end-s-comm", claims.Campaign);
        Assert.Equal(Key, claims.SignatureKey);
        Assert.Equal(_time.GetUtcNow().AddDays(30).ToUnixTimeSeconds(), claims.ExpiresAt.ToUnixTimeSeconds());
        Assert.False(_tokens.HasExpired(claims));
        Assert.DoesNotContain('/', token);
        Assert.DoesNotContain('+', token);
    }

    [Fact]
    public void A_signature_s_token_carries_its_generation_and_a_token_without_one_names_no_generation()
    {
        var withGeneration = _tokens.Read(LinkTokens.WithdrawPurpose,
            _tokens.Create(LinkTokens.WithdrawPurpose, "c", Key, LinkTokens.WithdrawLifetime, 1_764_900_000_123));
        var without = _tokens.Read(LinkTokens.WithdrawPurpose, _tokens.Create(LinkTokens.WithdrawPurpose, "c", Key, LinkTokens.WithdrawLifetime));

        Assert.Equal(1_764_900_000_123, withGeneration!.Generation);
        Assert.Null(without!.Generation);
    }

    [Fact]
    public void A_token_expires_after_thirty_days()
    {
        var claims = _tokens.Read(LinkTokens.ConfirmPurpose, _tokens.Create(LinkTokens.ConfirmPurpose, "c", Key, LinkTokens.ConfirmLifetime))!;

        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.False(_tokens.HasExpired(claims));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(_tokens.HasExpired(claims));
    }

    [Fact]
    public void Any_changed_character_makes_the_token_unreadable()
    {
        var token = _tokens.Create(LinkTokens.ConfirmPurpose, "c", Key, LinkTokens.ConfirmLifetime);

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.') continue;
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Null(_tokens.Read(LinkTokens.ConfirmPurpose, changed));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData(".")]
    [InlineData("abc.def")]
    [InlineData("!!!.???")]
    public void Malformed_tokens_are_unreadable(string token) => Assert.Null(_tokens.Read(LinkTokens.ConfirmPurpose, token));

    [Fact]
    public void A_token_made_for_one_purpose_does_not_work_for_another()
    {
        var token = _tokens.Create("withdraw", "c", Key, LinkTokens.ConfirmLifetime);

        Assert.Null(_tokens.Read(LinkTokens.ConfirmPurpose, token));
        Assert.NotNull(_tokens.Read("withdraw", token));
    }

    [Fact]
    public void A_token_signed_with_another_key_is_unreadable()
    {
        var other = new LinkTokens(TestSecrets.Options(TestSecrets.Valid()), _time);

        Assert.Null(_tokens.Read(LinkTokens.ConfirmPurpose, other.Create(LinkTokens.ConfirmPurpose, "c", Key, LinkTokens.ConfirmLifetime)));
    }
}
