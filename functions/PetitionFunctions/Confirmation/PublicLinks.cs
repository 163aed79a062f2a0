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

    public Uri Confirm(string token) => new(BaseUrl, $"api/confirm/{token}");

    /// <summary>A signature's withdraw link, with the signer's language so its pages speak it even once the details are gone.</summary>
    public Uri Withdraw(string token, Language language) => new(BaseUrl, $"api/withdraw/{token}?lang={language.Code()}");
}
