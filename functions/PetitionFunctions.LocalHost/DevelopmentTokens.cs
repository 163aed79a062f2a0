using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PetitionFunctions.Admin;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// A stand-in for Entra ID on one machine: a signing key made at start-up, trusted by the same
/// Microsoft.Identity.Web bearer handler production uses (its metadata supplied statically, so nothing
/// is downloaded), and tokens shaped like Entra's v2 access tokens. Only the local host and the tests
/// use it; the Functions host trusts Entra ID alone.
/// </summary>
public sealed class DevelopmentTokens
{
    public const string TenantId = "7e57ab1e-0000-4000-8000-00000000ad01";
    public const string ClientId = "7e57ab1e-0000-4000-8000-00000000ad02";

    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "petitions-local-development" };

    public string Issuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

    /// <summary>Points the AzureAd section at the development tenant and app.</summary>
    public void Configure(IConfiguration configuration)
    {
        configuration[$"{AdminAuthentication.Section}:Instance"] = "https://login.microsoftonline.com/";
        configuration[$"{AdminAuthentication.Section}:TenantId"] = TenantId;
        configuration[$"{AdminAuthentication.Section}:ClientId"] = ClientId;
    }

    /// <summary>Makes the bearer handler trust this key and issuer, offline.</summary>
    public void Trust(IServiceCollection services)
    {
        var metadata = new OpenIdConnectConfiguration { Issuer = Issuer };
        metadata.SigningKeys.Add(_key);
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
            options.TokenValidationParameters.IssuerValidator = null;
            options.TokenValidationParameters.ValidIssuer = Issuer;
            options.TokenValidationParameters.IssuerSigningKey = _key;
        });
    }

    /// <summary>An access token for the admin API carrying the given app roles.</summary>
    public string Create(IEnumerable<string> roles, TimeSpan lifetime, string? audience = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? ClientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([new Claim("oid", "00000000-0000-4000-8000-00000000de01"), new Claim("name", "Local administrator")]),
            Claims = new Dictionary<string, object>
            {
                ["ver"] = "2.0",
                ["tid"] = TenantId,
                ["azp"] = ClientId,
                ["roles"] = roles.ToArray(),
            },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }
}
