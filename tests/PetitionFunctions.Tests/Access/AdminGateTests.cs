using System.Collections.Immutable;
using System.Reflection;
using System.Security.Claims;
using Azure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PetitionFunctions.Access;
using PetitionFunctions.Admin;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Access;

/// <summary>The admin gate's rules, without a host: who gets through, what the others get, and that every admin function declares its roles.</summary>
public sealed class AdminGateTests
{
    public sealed class Functions
    {
        [RequiresRole(AdminRoles.Admin, AdminRoles.Deliver)]
        public static void ForAdminsOrDeliverers() { }

        public static void DeclaresNoRoles() { }
    }

    private static readonly MethodInfo Guarded = typeof(Functions).GetMethod(nameof(Functions.ForAdminsOrDeliverers))!;
    private static readonly MethodInfo Undeclared = typeof(Functions).GetMethod(nameof(Functions.DeclaresNoRoles))!;

    private static IReadOnlyList<FunctionEntry> AppFunctions() => FunctionCatalog.Read(typeof(ServiceRegistration).Assembly);

    private static readonly string[] KnownRoles = [AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories];

    [Fact]
    public void Every_function_under_manage_declares_roles_the_app_registration_knows()
    {
        var admin = AppFunctions().Where(f => f.Trigger is HttpBinding http && AdminGate.Guards(http.Route)).ToList();

        Assert.True(admin.Count > 20, $"Only {admin.Count} admin functions were found.");
        Assert.All(admin, function =>
        {
            var roles = AdminGate.RolesOf(function.Method);
            Assert.True(roles.Count > 0, $"{function.Name} has a manage/ route but no [RequiresRole]: the gate refuses every call to it.");
            Assert.All(roles, role => Assert.Contains(role, KnownRoles));
        });
    }

    [Fact]
    public void RequiresRole_is_only_on_functions_the_gate_guards()
    {
        var misplaced = AppFunctions()
            .Where(f => f.Method.GetCustomAttribute<RequiresRoleAttribute>() is not null)
            .Where(f => f.Trigger is not HttpBinding http || !AdminGate.Guards(http.Route))
            .Select(f => f.Name);

        Assert.Empty(misplaced);
    }

    [Fact]
    public void No_public_route_can_match_a_path_under_manage()
    {
        // A template that starts with a parameter ("{slug}/...", "{*rest}") could serve /api/manage/... unguarded.
        // The one exception is the fallback, which only ever answers 404 or 405 and reads nothing.
        var open = AppFunctions()
            .Select(f => f.Trigger).OfType<HttpBinding>()
            .Where(http => !AdminGate.Guards(http.Route) && http.Route.TrimStart('/').StartsWith('{')
                           && http.Route != PetitionFunctions.Api.FallbackFunctions.Route)
            .Select(http => http.Route);

        Assert.Empty(open);
    }

    [Theory]
    [InlineData("manage/campaigns", true)]
    [InlineData("manage/me", true)]
    [InlineData("/manage/erasures", true)]
    [InlineData("Manage/campaigns/{slug}", true)]
    [InlineData("manage", true)]
    [InlineData("campaigns/{slug}", false)]
    [InlineData("managers/list", false)]
    [InlineData("health", false)]
    [InlineData(null, false)]
    public void The_gate_guards_exactly_the_routes_under_manage(string? route, bool guarded) =>
        Assert.Equal(guarded, AdminGate.Guards(route));

    [Fact]
    public async Task Without_a_token_the_answer_is_401_with_a_bearer_challenge_and_the_function_never_runs()
    {
        var (status, http, ran) = await PassAsync(token: null, Guarded);

        Assert.Equal(401, status);
        Assert.Equal("Bearer", http.Response.Headers.WWWAuthenticate.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.False(ran);
    }

    [Fact]
    public async Task A_token_that_fails_validation_gets_401_invalid_token()
    {
        var (status, http, ran) = await PassAsync(token: Invalid, Guarded);

        Assert.Equal(401, status);
        Assert.Contains("invalid_token", http.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.False(ran);
    }

    [Fact]
    public async Task A_valid_token_without_the_role_gets_403()
    {
        var (status, http, ran) = await PassAsync(Roles(AdminRoles.Stories), Guarded);

        Assert.Equal(403, status);
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.False(ran);
    }

    [Fact]
    public async Task Any_one_of_the_declared_roles_lets_the_caller_through_and_the_answer_is_no_store()
    {
        var (status, http, ran) = await PassAsync(Roles(AdminRoles.Deliver), Guarded);

        Assert.Equal(200, status);
        Assert.True(ran);
        Assert.True(http.User.HasClaim("roles", AdminRoles.Deliver));
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task A_function_that_declares_no_roles_is_refused_to_every_caller()
    {
        var (status, http, ran) = await PassAsync(Roles(AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories), Undeclared);

        Assert.Equal(403, status);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
        Assert.False(ran);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(0)]
    [InlineData(429)]
    public async Task Storage_out_of_reach_in_the_function_is_a_503_with_Retry_After(int storageStatus)
    {
        var (status, http, _) = await PassAsync(Roles(AdminRoles.Admin), Guarded,
            () => throw new RequestFailedException(storageStatus, "storage is down"));

        Assert.Equal(503, status);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Equal("no-store", http.Response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Any_other_failure_is_not_the_gate_s_to_answer()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PassAsync(Roles(AdminRoles.Admin), Guarded, () => throw new InvalidOperationException("a bug")));
        await Assert.ThrowsAsync<RequestFailedException>(() =>
            PassAsync(Roles(AdminRoles.Admin), Guarded, () => throw new RequestFailedException(409, "conflict")));
    }

    [Fact]
    public void The_worker_middleware_finds_an_admin_function_s_method_from_its_entry_point()
    {
        var account = typeof(AccountFunctions).GetMethod(nameof(AccountFunctions.WhoAmI))!;
        var health = AppFunctions().Single(f => f.Trigger is HttpBinding { Route: "health" }).Method;
        var queue = AppFunctions().First(f => f.Trigger is QueueBinding).Method;

        Assert.Equal(account, AdminGateMiddleware.GuardedMethod(Definition(account, "httpTrigger")));
        Assert.Null(AdminGateMiddleware.GuardedMethod(Definition(health, "httpTrigger")));
        Assert.Null(AdminGateMiddleware.GuardedMethod(Definition(queue, "queueTrigger")));
    }

    private static FunctionDefinition Definition(MethodInfo method, string trigger)
    {
        var binding = new Mock<BindingMetadata>();
        binding.SetupGet(b => b.Type).Returns(trigger);
        var definition = new Mock<FunctionDefinition>();
        definition.SetupGet(d => d.EntryPoint).Returns($"{method.DeclaringType!.FullName}.{method.Name}");
        definition.SetupGet(d => d.PathToAssembly).Returns(method.DeclaringType!.Assembly.Location);
        definition.SetupGet(d => d.Name).Returns(method.GetCustomAttribute<FunctionAttribute>()!.Name);
        definition.SetupGet(d => d.InputBindings).Returns(ImmutableDictionary<string, BindingMetadata>.Empty.Add("request", binding.Object));
        return definition.Object;
    }

    private static readonly ClaimsPrincipal Invalid = new();

    private static ClaimsPrincipal Roles(params string[] roles) =>
        new(new ClaimsIdentity([new Claim("oid", "admin-1"), .. roles.Select(r => new Claim("roles", r))], "Bearer", "name", "roles"));

    /// <summary>One request through the gate: null token = none presented, <see cref="Invalid"/> = one that fails validation.</summary>
    private static async Task<(int Status, HttpContext Http, bool Ran)> PassAsync(ClaimsPrincipal? token, MethodInfo function, Action? body = null)
    {
        var authentication = new Mock<IAuthenticationService>();
        authentication.Setup(a => a.AuthenticateAsync(It.IsAny<HttpContext>(), JwtBearerDefaults.AuthenticationScheme))
            .ReturnsAsync(token is null || token == Invalid
                ? AuthenticateResult.NoResult()
                : AuthenticateResult.Success(new AuthenticationTicket(token, JwtBearerDefaults.AuthenticationScheme)));
        var services = new ServiceCollection().AddLogging();
        services.AddMvcCore();
        services.AddSingleton(authentication.Object);
        var http = new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
        http.Request.Path = "/api/manage/campaigns";
        http.Response.Body = new MemoryStream();
        if (token is not null) http.Request.Headers.Authorization = "Bearer x.y.z";

        var ran = false;
        var gate = new AdminGate(NullLogger<AdminGate>.Instance);
        var answer = await gate.GuardAsync(http.Request, function, () =>
        {
            ran = true;
            body?.Invoke();
            return Task.CompletedTask;
        });
        if (answer is not null) await answer.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        return (http.Response.StatusCode, http, ran);
    }
}
