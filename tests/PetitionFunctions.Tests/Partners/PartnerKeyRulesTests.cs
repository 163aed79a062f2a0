using PetitionFunctions.Partners;

namespace PetitionFunctions.Tests.Partners;

public class PartnerKeyRulesTests
{
    [Fact]
    public void A_new_key_reads_back_its_id_and_secret_and_only_the_secret_s_hash_matches_it()
    {
        var (id, secret, token) = PartnerTokens.New();

        Assert.Equal((id, secret), PartnerTokens.Read(token));
        Assert.True(PartnerTokens.IsId(id));
        Assert.True(PartnerTokens.Matches(secret, PartnerTokens.HashOf(secret)));
        Assert.False(PartnerTokens.Matches(secret, PartnerTokens.HashOf(PartnerTokens.New().Secret)));
        Assert.DoesNotContain(secret, PartnerTokens.HashOf(secret), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer pf_0123456789ab_abc")]
    [InlineData("pf_0123456789AB_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("pf_0123456789ab_AAAA")]
    [InlineData("xx_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_not_of_the_key_s_form_is_no_key(string? token)
    {
        Assert.Null(PartnerTokens.Read(token));
    }

    [Fact]
    public void A_request_names_a_partner_by_its_folded_source_code_and_gets_a_year_by_default()
    {
        var (request, errors) = PartnerKeyRequest.Parse("""{"partner": "NDLON / Queens", "scopes": ["sign", "read"], "ignored": true}""");

        Assert.True(errors.IsEmpty);
        Assert.Equal(new PartnerKeyRequest("ndlon-queens", PartnerScopes.Sign | PartnerScopes.Read, 365), request);
    }

    [Theory]
    [InlineData("""{"scopes": ["read"]}""", "partner")]
    [InlineData("""{"partner": "///", "scopes": ["read"]}""", "partner")]
    [InlineData("""{"partner": "a"}""", "scopes")]
    [InlineData("""{"partner": "a", "scopes": []}""", "scopes")]
    [InlineData("""{"partner": "a", "scopes": ["read", "admin"]}""", "scopes[1]")]
    [InlineData("""{"partner": "a", "scopes": ["read"], "expires_in_days": 0}""", "expires_in_days")]
    [InlineData("""{"partner": "a", "scopes": ["read"], "expires_in_days": 731}""", "expires_in_days")]
    [InlineData("""{"partner": "a", "scopes": ["read"], "expires_in_days": "30"}""", "expires_in_days")]
    public void A_request_that_cannot_be_honoured_names_the_field(string json, string field)
    {
        var (request, errors) = PartnerKeyRequest.Parse(json);

        Assert.Null(request);
        Assert.True(errors.Has(field));
    }

    [Fact]
    public void A_key_is_usable_until_it_expires_or_is_revoked()
    {
        var now = new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero);
        var key = new PartnerKey("c", "0123456789ab", "ndlon", PartnerScopes.Read, now, now.AddDays(1), "admin", "hash");

        Assert.True(key.IsUsableAt(now));
        Assert.False(key.IsUsableAt(now.AddDays(1)));
        Assert.False((key with { RevokedAt = now }).IsUsableAt(now));
    }
}
