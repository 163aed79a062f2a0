using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using PetitionFunctions;
using PetitionFunctions.Access;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// After the ASP.NET Core integration, so that the gate sees each request's HttpContext.
builder.UseMiddleware<AdminGateMiddleware>();
builder.Services.AddPetitionFunctions(builder.Configuration);
builder.Build().Run();
