using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;

namespace PetitionFunctions.Admin;

public sealed class AccountFunctions
{
    /// <summary>Who the token says the caller is and which of the app's roles it carries: for checking a token before using it.</summary>
    [Function(nameof(WhoAmI))]
    [RequiresRole(AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories)]
    public IActionResult WhoAmI([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AdminRoutes.Root + "/me")] HttpRequest request)
    {
        var user = request.HttpContext.User;
        return new OkObjectResult(new
        {
            name = user.FindFirst("name")?.Value,
            object_id = user.FindFirst("oid")?.Value ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value,
            roles = new[] { AdminRoles.Admin, AdminRoles.Deliver, AdminRoles.Stories }.Where(user.IsInRole).ToArray(),
        });
    }
}
