namespace PetitionFunctions.Email;

public sealed class AcsOptions
{
    /// <summary>The Communication Services endpoint, https://{resource}.communication.azure.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>For development only: the resource's access key (HMAC). Without it, the managed identity is used.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string ApiVersion { get; set; } = "2025-09-01";

    /// <summary>How long to poll a send operation before treating it as a transient failure.</summary>
    public TimeSpan PollingTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
