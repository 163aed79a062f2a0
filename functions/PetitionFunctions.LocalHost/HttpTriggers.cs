using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace PetitionFunctions.LocalHost;

/// <summary>Serves each HTTP-triggered function at its route under host.json's route prefix.</summary>
public static class HttpTriggers
{
    public static void MapHttpTriggers(this IEndpointRouteBuilder endpoints, IEnumerable<FunctionEntry> functions, string routePrefix)
    {
        foreach (var function in functions)
        {
            if (function.Trigger is not HttpBinding http) continue;
            endpoints.MapMethods($"/{routePrefix}/{http.Route}", http.Methods.Select(m => m.ToUpperInvariant()),
                    context => InvokeAsync(function, context))
                .WithName(function.Name)
                .WithMetadata(function);
        }
    }

    private static async Task InvokeAsync(FunctionEntry function, HttpContext context)
    {
        var result = await FunctionInvoker.InvokeAsync(function, context.RequestServices, parameter => Bind(parameter, context));
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
