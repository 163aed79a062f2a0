using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

/// <summary>The public address links in emails point to: Links:PublicBaseUrl, or the Function App's own host name on Azure.</summary>
public sealed class PublicLinks(IConfiguration configuration)
{
    public const string BaseUrlSetting = "Links:PublicBaseUrl";

    public Uri BaseUrl
    {
        get
        {
            var configured = configuration[BaseUrlSetting];
            if (!string.IsNullOrWhiteSpace(configured)) return new Uri(configured.TrimEnd('/') + "/");
            var host = configuration["WEBSITE_HOSTNAME"];
            if (!string.IsNullOrWhiteSpace(host)) return new Uri($"https://{host}/");
            throw new InvalidOperationException($"Set {BaseUrlSetting} to the app's public address, for the links in emails.");
        }
    }

    /// <summary>A link whose token rides in the fragment, which no request carries (<see cref="LinkLanding"/>).</summary>
    public Uri WithToken(string path, string token) => new(BaseUrl, $"{path}#{token}");

    public Uri Confirm(string token) => WithToken("api/confirm", token);

    /// <summary>A signature's withdraw link, with the signer's language so its pages speak it even once the details are gone.</summary>
    public Uri Withdraw(string token, Language language) => WithToken($"api/withdraw?lang={language.Code()}", token);
}
