using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Common;

/// <summary>
/// Every HTTP function, public and admin, with storage out of reach: a client is told to come back (503
/// with Retry-After and problem+json) or that its request was wrong (4xx), never a bare 500.
/// </summary>
public sealed class StorageDownTests(StorageDownFixture fixture) : IClassFixture<StorageDownFixture>
{
    /// <summary>Every HTTP function with its route filled in, once per method.</summary>
    public static TheoryData<string, string> HttpFunctions()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in FunctionCatalog.Read(typeof(ServiceRegistration).Assembly))
        {
            if (function.Trigger is not HttpBinding http) continue;
            foreach (var method in http.Methods.Where(m => !m.Equals("head", StringComparison.OrdinalIgnoreCase))) data.Add(method.ToUpperInvariant(), FunctionRoutes.SamplePath(http.Route));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public async Task No_function_answers_500_while_storage_is_down(string method, string path)
    {
        await fixture.Azurite.StopAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        if (path.StartsWith(AdminRoutes.Root + "/", StringComparison.Ordinal))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                fixture.Host.Tokens!.Create([AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories], TimeSpan.FromMinutes(5)));

        using var answer = await fixture.Http.SendAsync(request);

        Assert.True((int)answer.StatusCode < 500 || answer.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"{method} {path} answered {(int)answer.StatusCode}.");
        if (answer.StatusCode != HttpStatusCode.ServiceUnavailable) return;
        Assert.True(answer.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{method} {path}: a 503 without Retry-After.");
        var body = await answer.Content.ReadAsStringAsync();
        if (answer.Content.Headers.ContentType?.MediaType == "text/html") return; // a page for a person (confirm and withdraw links)
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }
}
