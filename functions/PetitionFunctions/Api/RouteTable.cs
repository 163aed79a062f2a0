using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace PetitionFunctions.Api;

/// <summary>
/// The app's HTTP routes and their methods, read once from the functions' own [HttpTrigger] attributes,
/// so an address nothing serves can be told apart from a method an address does not take.
/// </summary>
public static class RouteTable
{
    private sealed record Route(string[] Segments, string[] Methods);

    private static readonly Lazy<IReadOnlyList<Route>> Routes = new(() =>
        typeof(RouteTable).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods())
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(method => method.GetParameters())
            .Select(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .Where(trigger => trigger.Route is not null && trigger.Route != FallbackFunctions.Route)
            .Select(trigger => new Route(trigger.Route!.Split('/'), (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).ToArray()))
            .ToList());

    /// <summary>The methods the app takes at a path under /api/ (empty when nothing is served there).</summary>
    public static IReadOnlyList<string> MethodsAt(string path)
    {
        var segments = path.Trim('/').Split('/');
        return Routes.Value.Where(route => Matches(route.Segments, segments)).SelectMany(route => route.Methods).Distinct().Order().ToList();
    }

    private static bool Matches(string[] template, string[] path)
    {
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i].StartsWith("{*", StringComparison.Ordinal)) return true;
            if (i >= path.Length || path[i].Length == 0) return false;
            if (template[i].StartsWith('{')) continue;
            if (!template[i].Equals(path[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return template.Length == path.Length;
    }
}
