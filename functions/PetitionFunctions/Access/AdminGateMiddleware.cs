using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace PetitionFunctions.Access;

/// <summary>
/// <see cref="AdminGate"/> in the isolated worker's pipeline, after the ASP.NET Core integration's own
/// middleware has bound the request's HttpContext. A function whose route is under /api/manage/ runs only
/// through the gate. When the gate answers (401, 403, 503) the middleware writes that answer to the
/// response itself and leaves the invocation result empty, so the integration has nothing more to write;
/// the function's own answer is written by the integration as usual.
/// </summary>
public sealed class AdminGateMiddleware(AdminGate gate) : IFunctionsWorkerMiddleware
{
    private readonly ConcurrentDictionary<string, MethodInfo?> guarded = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        var function = guarded.GetOrAdd(context.FunctionId, static (_, definition) => GuardedMethod(definition), context.FunctionDefinition);
        if (function is null)
        {
            await next(context);
            return;
        }
        var http = context.GetHttpContext()
            ?? throw new InvalidOperationException($"The admin function {context.FunctionDefinition.Name} has no HttpContext: is the ASP.NET Core integration configured before the admin gate?");
        if (await gate.GuardAsync(http.Request, function, () => next(context)) is { } answer)
            await answer.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor()));
    }

    /// <summary>The method behind an HTTP function whose route is under the admin root; null for any other function.</summary>
    public static MethodInfo? GuardedMethod(FunctionDefinition definition)
    {
        if (!definition.InputBindings.Values.Any(binding => binding.Type.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))) return null;
        var method = MethodOf(definition.EntryPoint, definition.PathToAssembly);
        var route = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)?.Route;
        return AdminGate.Guards(route ?? definition.Name) ? method : null;
    }

    /// <summary>
    /// The method an entry point ("Namespace.Class.Method") names, in the assembly at its path, found as the
    /// worker finds the method it invokes. An HTTP function the gate cannot find throws on every call rather
    /// than run unguarded.
    /// </summary>
    private static MethodInfo MethodOf(string entryPoint, string pathToAssembly)
    {
        var dot = entryPoint.LastIndexOf('.');
        if (dot <= 0) throw new InvalidOperationException($"The function entry point '{entryPoint}' names no class.");
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(pathToAssembly));
        var type = assembly.GetType(entryPoint[..dot], throwOnError: true)!;
        var name = entryPoint[(dot + 1)..];
        return type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                   .SingleOrDefault(m => m.Name == name && m.GetCustomAttribute<FunctionAttribute>() is not null)
               ?? throw new InvalidOperationException($"The function entry point '{entryPoint}' names no [Function] method.");
    }
}
