using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.LocalHost;

public sealed class FunctionCatalogTests
{
    /// <summary>A function the Azure Functions host would refuse to load: its route starts with "admin".</summary>
    public sealed class ReservedRouteFunction
    {
        [Function("ClaimsAdminRoute")]
        public static string Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "admin/settings")] HttpRequest request) => "";
    }

    [Fact]
    public void A_route_the_functions_host_reserves_is_refused_at_start_up()
    {
        var failure = Assert.Throws<NotSupportedException>(() => FunctionCatalog.Read(typeof(ReservedRouteFunction).Assembly));

        Assert.Contains("ClaimsAdminRoute", failure.Message);
        Assert.Contains("reserves", failure.Message);
    }

    [Fact]
    public void The_app_s_own_functions_all_pass() => Assert.NotEmpty(FunctionCatalog.Read(typeof(ServiceRegistration).Assembly));
}
