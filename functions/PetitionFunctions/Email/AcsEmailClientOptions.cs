using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Email;

/// <summary>Pipeline options for <see cref="AcsEmailTransport"/>: retries 429/408/5xx and network failures.</summary>
public sealed class AcsEmailClientOptions : ClientOptions
{
    public AcsEmailClientOptions()
    {
        Retry.MaxRetries = 3;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromSeconds(1);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingContentEnabled = false; // bodies carry the recipient's address
        Diagnostics.LoggedHeaderNames.Add("Operation-Id");
        Diagnostics.LoggedHeaderNames.Add("Operation-Location");
        Diagnostics.LoggedHeaderNames.Add("Retry-After");
    }
}
