using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PetitionFunctions.Admin;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Integration;

[Collection(LocalHostCollection.Name)]
public sealed class AdminAccessTests(LocalHostFixture fixture)
{
    /// <summary>Every HTTP function under the admin root (/api/manage), with its route filled in and its first method.</summary>
    public static TheoryData<string, string> AdminFunctions()
    {
        var data = new TheoryData<string, string>();
        foreach (var function in FunctionCatalog.Read(typeof(ServiceRegistration).Assembly))
        {
            if (function.Trigger is not HttpBinding { Route: var route } http || !route.StartsWith(AdminRoutes.Root + "/", StringComparison.Ordinal)) continue;
            data.Add(http.Methods[0].ToUpperInvariant(), StorageDownTests.SamplePath(route));
        }
        return data;
    }

    [Fact]
    public void There_are_admin_functions_to_check() => Assert.NotEmpty(AdminFunctions());

    private HttpRequestMessage Request(string method, string path, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Requests.Raw("{}", "application/json") };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Theory]
    [MemberData(nameof(AdminFunctions))]
    public async Task Every_admin_function_answers_401_without_a_valid_token_and_403_without_a_role(string method, string path)
    {
        var tokens = fixture.Host.Tokens!;
        var stranger = new DevelopmentTokens();

        var none = await fixture.Http.SendAsync(Request(method, path, null));
        var garbage = await fixture.Http.SendAsync(Request(method, path, "not-a-token"));
        var otherIssuer = await fixture.Http.SendAsync(Request(method, path, stranger.Create([AdminRoles.Admin, AdminRoles.Deliver], TimeSpan.FromMinutes(5))));
        var otherAudience = await fixture.Http.SendAsync(Request(method, path,
            tokens.Create([AdminRoles.Admin, AdminRoles.Deliver], TimeSpan.FromMinutes(5), audience: "api://someone-else")));
        var expired = await fixture.Http.SendAsync(Request(method, path, tokens.Create([AdminRoles.Admin, AdminRoles.Deliver], TimeSpan.FromMinutes(-10))));
        var noRole = await fixture.Http.SendAsync(Request(method, path, tokens.Create([], TimeSpan.FromMinutes(5))));
        var unknownRole = await fixture.Http.SendAsync(Request(method, path, tokens.Create(["Petitions.Reader"], TimeSpan.FromMinutes(5))));

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);
        // A token with neither roles nor scopes is no access token for an API: Microsoft.Identity.Web refuses it.
        foreach (var answer in new[] { garbage, otherIssuer, otherAudience, expired, noRole })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Contains("invalid_token", answer.Headers.WwwAuthenticate.Single().Parameter);
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.Forbidden, unknownRole.StatusCode);
        Assert.Equal("application/problem+json", unknownRole.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_token_with_a_role_gets_through_and_sees_its_roles()
    {
        var answer = await fixture.AdminClient(AdminRoles.Deliver).GetAsync("manage/me");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal([AdminRoles.Deliver], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_app_refuses_to_start_without_an_entra_id_app_registration()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        foreach (var (key, value) in new Dictionary<string, string?>
                 {
                     ["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString,
                     ["Petitions:DedupeKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray()),
                     ["Petitions:LinkKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
                     ["Petitions:ActiveEncryptionKeyId"] = "k",
                     ["Petitions:EncryptionKeys:k"] = Convert.ToBase64String(new byte[32]),
                 })
            builder.Configuration[key] = value;
        builder.Services.AddPetitionFunctions(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("AzureAd", failure.Message);
    }
}
