using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PetitionFunctions.Access;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// A stand-in for Entra ID on one machine: an OpenID issuer on a loopback port, with a signing key made
/// at start, whose metadata and keys the app fetches as it would Entra ID's. The app trusts it only
/// through the <see cref="AdminAuthentication.LocalIssuerSetting"/> setting, which Azure never has and
/// the app refuses outside loopback. Tokens are shaped like Entra's v2 access tokens for the app
/// registration named in <see cref="Settings"/>. Used by the run command and the tests, on either runtime.
/// </summary>
public sealed class DevelopmentTokens : IAsyncDisposable
{
    public const string TenantId = "7e57ab1e-0000-4000-8000-00000000ad01";
    public const string ClientId = "7e57ab1e-0000-4000-8000-00000000ad02";

    private readonly RsaSecurityKey _key;
    private readonly WebApplication _server;

    private DevelopmentTokens(WebApplication server, RsaSecurityKey key, string issuer)
    {
        _server = server;
        _key = key;
        Issuer = issuer;
    }

    /// <summary>The issuer's address, which is also the "iss" of its tokens.</summary>
    public string Issuer { get; }

    /// <summary>The app settings that make the app trust this issuer, for the app registration tokens are made for.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        [$"{AdminAuthentication.Section}:Instance"] = "https://login.microsoftonline.com/",
        [$"{AdminAuthentication.Section}:TenantId"] = TenantId,
        [$"{AdminAuthentication.Section}:ClientId"] = ClientId,
        [AdminAuthentication.LocalIssuerSetting] = Issuer,
    };

    /// <param name="keepIn">
    /// A local run's data folder: the signing key and the issuer's port are kept there, so the tokens of an
    /// earlier run (the admin token file) stay valid after a restart while that port is free. Null: a new
    /// key on a new port, as tests want.
    /// </param>
    public static async Task<DevelopmentTokens> StartAsync(string? keepIn = null, CancellationToken cancellationToken = default)
    {
        var (rsa, port) = keepIn is null ? (RSA.Create(2048), 0) : Kept(keepIn);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{(port > 0 && ChildProcesses.IsFree(port) ? port : 0)}");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        var key = new RsaSecurityKey(rsa) { KeyId = "petitions-local-development" };
        string IssuerOf(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}/{TenantId}/v2.0";
        server.MapGet($"/{TenantId}/v2.0/.well-known/openid-configuration", (HttpContext context) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = IssuerOf(context),
            ["jwks_uri"] = IssuerOf(context) + "/discovery/keys",
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
        }));
        server.MapGet($"/{TenantId}/v2.0/discovery/keys", () => Results.Json(new { keys = new[] { PublicKey(key) } }));
        await server.StartAsync(cancellationToken);
        var origin = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (keepIn is not null) File.WriteAllText(Path.Combine(keepIn, "issuer-port"), new Uri(origin).Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new DevelopmentTokens(server, key, $"{origin.TrimEnd('/')}/{TenantId}/v2.0");
    }

    /// <summary>The signing key kept in the folder (made on first use, readable by this user only) and the port last used.</summary>
    private static (RSA Key, int Port) Kept(string folder)
    {
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "issuer-key.pem");
        var rsa = RSA.Create(2048);
        if (File.Exists(keyFile)) rsa.ImportFromPem(File.ReadAllText(keyFile));
        else
        {
            File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var portFile = Path.Combine(folder, "issuer-port");
        return (rsa, File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile), out var port) ? port : 0);
    }

    private static Dictionary<string, string> PublicKey(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = SecurityAlgorithms.RsaSha256,
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
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

    /// <summary>A token with every admin role, for curl, the azd hook and the tests.</summary>
    public string CreateForEveryRole(TimeSpan lifetime) => Create([AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories], lifetime);

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }
}
