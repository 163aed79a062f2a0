using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using PetitionFunctions.Access;

namespace PetitionFunctions.LocalHost;

/// <summary>
/// Serves each HTTP-triggered function at its route under host.json's route prefix. A function under the
/// admin root runs through <see cref="AdminGate"/>, as the Functions host runs it through the worker
/// middleware that calls the same gate.
/// </summary>
public static class HttpTriggers
{
    public static void MapHttpTriggers(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionEntry> functions, string routePrefix)
    {
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpBinding http) continue;
            RequestDelegate invoke = AdminGate.Guards(http.Route) ? context => InvokeGuardedAsync(function, context) : context => InvokeAsync(function, context);
            endpoints.MapMethods($"/{routePrefix}/{http.Route}", http.Methods.Select(m => m.ToUpperInvariant()), invoke)
                .WithName(function.Name)
                .WithMetadata(function);
        }
    }

    private static async Task InvokeAsync(FunctionEntry function, HttpContext context) =>
        await WriteAsync(context, await FunctionInvoker.InvokeAsync(function, context.RequestServices, parameter => Bind(parameter, context)));

    private static async Task InvokeGuardedAsync(FunctionEntry function, HttpContext context)
    {
        object? answered = null;
        var gate = context.RequestServices.GetRequiredService<AdminGate>();
        var refused = await gate.GuardAsync(context.Request, function.Method,
            async () => answered = await FunctionInvoker.InvokeAsync(function, context.RequestServices, parameter => Bind(parameter, context)));
        await WriteAsync(context, refused ?? answered);
    }

    private static async Task WriteAsync(HttpContext context, object? result)
    {
        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                await context.Response.WriteAsJsonAsync(result, result.GetType());
                break;
        }
    }

    private static object? Bind(ParameterInfo parameter, HttpContext context)
    {
        if (parameter.ParameterType == typeof(HttpRequest)) return context.Request;
        if (parameter.ParameterType == typeof(CancellationToken)) return context.RequestAborted;
        return context.GetRouteValue(parameter.Name!)?.ToString();
    }
}
