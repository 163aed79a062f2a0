using System.Net;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Tests.Support;

/// <summary>A signature from a client that asks for 429 when over a rate limit, optionally with one extra header.</summary>
internal static class StrictSignatures
{
    public static async Task<HttpStatusCode> SendAsync(HttpClient client, Campaign campaign, (string Name, string Value)? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{campaign.Slug}/signatures")
        {
            Content = Requests.Osdi("Marta", "Ruiz", $"marta.{Guid.NewGuid():n}@example.org"),
        };
        request.Headers.Add(Requester.StrictRateLimitsHeader, "429");
        if (header is var (name, value)) request.Headers.Add(name, value);
        using var answer = await client.SendAsync(request);
        return answer.StatusCode;
    }
}
