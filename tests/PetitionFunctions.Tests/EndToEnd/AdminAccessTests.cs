using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>Every admin function, through the runtime's own HTTP pipeline, with tokens from the development issuer.</summary>
public abstract class AdminAccessTests<TFixture>(TFixture app) where TFixture : AppFixture
{
    /// <summary>Every HTTP function under the admin root (/api/manage), its first method and its route filled in.</summary>
    private static IEnumerable<(string Method, string Path)> AdminFunctions() =>
        FunctionCatalog.Read(typeof(ServiceRegistration).Assembly)
            .Select(function => function.Trigger)
            .OfType<HttpBinding>()
            .Where(http => http.Route.StartsWith(AdminRoutes.Root + "/", StringComparison.Ordinal))
            .Select(http => (http.Methods[0].ToUpperInvariant(), FunctionRoutes.SamplePath(http.Route)));

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Requests.Raw("{}", "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.Http.SendAsync(request);
    }

    [EndToEndFact]
    public async Task Every_admin_function_answers_401_without_a_valid_token_and_403_without_a_role()
    {
        await using var stranger = await DevelopmentTokens.StartAsync();
        var everyRole = new[] { AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories };
        var functions = AdminFunctions().ToList();
        Assert.True(functions.Count > 20, $"Only {functions.Count} admin functions were found.");
        var wrong = new List<string>();
        foreach (var (method, path) in functions)
        {
            var none = await SendAsync(method, path, null);
            if (none.StatusCode != HttpStatusCode.Unauthorized || none.Headers.WwwAuthenticate.SingleOrDefault()?.Scheme != "Bearer"
                || none.Headers.CacheControl?.NoStore != true)
                wrong.Add($"{method} {path} without a token: {(int)none.StatusCode}");
            // A token with neither roles nor scopes is no access token for an API: Microsoft.Identity.Web refuses it.
            foreach (var (what, token) in new[]
                     {
                         ("garbage", "not-a-token"),
                         ("another issuer", stranger.Create(everyRole, TimeSpan.FromMinutes(5))),
                         ("another audience", app.Tokens.Create(everyRole, TimeSpan.FromMinutes(5), audience: "api://someone-else")),
                         ("expired", app.Tokens.Create(everyRole, TimeSpan.FromMinutes(-10))),
                         ("no role", app.Tokens.Create([], TimeSpan.FromMinutes(5))),
                     })
            {
                var answer = await SendAsync(method, path, token);
                if (answer.StatusCode != HttpStatusCode.Unauthorized
                    || answer.Headers.WwwAuthenticate.SingleOrDefault()?.Parameter?.Contains("invalid_token") != true
                    || answer.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    wrong.Add($"{method} {path} with {what}: {(int)answer.StatusCode} {answer.Headers.WwwAuthenticate}");
            }
            var unknownRole = await SendAsync(method, path, app.Tokens.Create(["Petitions.Reader"], TimeSpan.FromMinutes(5)));
            if (unknownRole.StatusCode != HttpStatusCode.Forbidden || unknownRole.Content.Headers.ContentType?.MediaType != "application/problem+json")
                wrong.Add($"{method} {path} with an unknown role: {(int)unknownRole.StatusCode}");
        }
        Assert.True(wrong.Count == 0, $"On {app.Runtime}:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
    }

    [EndToEndFact]
    public async Task A_valid_token_with_a_role_gets_through_and_sees_its_roles()
    {
        var answer = await app.AdminClient(AdminRoles.Deliver).GetAsync("manage/me");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.True(answer.Headers.CacheControl?.NoStore, "Every admin answer is no-store.");
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([AdminRoles.Deliver], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}

[Collection(RealHostCollection.Name)]
public sealed class AdminAccessOnRealHost(RealHostFixture app) : AdminAccessTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class AdminAccessOnStandIn(StandInFixture app) : AdminAccessTests<StandInFixture>(app);
