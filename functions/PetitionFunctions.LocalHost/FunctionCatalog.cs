using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace PetitionFunctions.LocalHost;

public abstract record TriggerBinding;

public sealed record HttpBinding(string Route, IReadOnlyList<string> Methods) : TriggerBinding;

public sealed record QueueBinding(string QueueName) : TriggerBinding;

public sealed record TimerBinding(string Schedule, bool RunOnStartup) : TriggerBinding;

/// <summary>One <c>[Function]</c> method of the app and the trigger its attributes declare.</summary>
public sealed record FunctionEntry(string Name, Type Class, MethodInfo Method, TriggerBinding Trigger)
{
    public string Describe(string routePrefix) => Trigger switch
    {
        HttpBinding http => $"{string.Join(",", http.Methods).ToUpperInvariant(),-5} /{routePrefix}/{http.Route}",
        QueueBinding queue => $"queue {queue.QueueName}",
        TimerBinding timer => $"timer {timer.Schedule}",
        _ => Name,
    };
}

/// <summary>
/// Reads the app's functions from the same attributes the Functions host reads, so the local host
/// serves exactly what production serves. A parameter it could not bind fails here, at start-up.
/// </summary>
public static class FunctionCatalog
{
    private static readonly Type[] BindableWithoutAttribute = [typeof(CancellationToken)];

    public static IReadOnlyList<FunctionEntry> Read(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<FunctionAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => Entry(pair.Attribute!.Name, pair.Method))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal)
            .ToList();

    private static FunctionEntry Entry(string name, MethodInfo method)
    {
        TriggerBinding? trigger = null;
        foreach (var parameter in method.GetParameters())
        {
            TriggerBinding? found = parameter.GetCustomAttributes().FirstOrDefault() switch
            {
                HttpTriggerAttribute http when parameter.ParameterType == typeof(HttpRequest) =>
                    new HttpBinding(CheckRoute(name, http.Route ?? name), http.Methods ?? ["get", "post"]),
                QueueTriggerAttribute queue when parameter.ParameterType == typeof(string) || parameter.ParameterType == typeof(BinaryData) =>
                    new QueueBinding(queue.QueueName),
                TimerTriggerAttribute timer when parameter.ParameterType == typeof(TimerInfo) =>
                    new TimerBinding(timer.Schedule, timer.RunOnStartup),
                _ => null,
            };
            if (found is not null)
            {
                if (trigger is not null) throw Unsupported(name, "it has more than one trigger");
                trigger = found;
            }
            else if (!BindableWithoutAttribute.Contains(parameter.ParameterType) && parameter.ParameterType != typeof(string))
            {
                throw Unsupported(name, $"parameter '{parameter.Name}' of type {parameter.ParameterType.Name} has no local binding");
            }
        }
        return new FunctionEntry(name, method.DeclaringType!, method, trigger ?? throw Unsupported(name, "it has no trigger"));
    }

    /// <summary>
    /// The Functions host keeps routes starting with "admin" or "runtime" for itself and refuses to load
    /// a function that claims one, whatever the route prefix. Refusing them here too keeps a function
    /// that works locally from failing only once deployed.
    /// </summary>
    private static string CheckRoute(string function, string route) =>
        ReservedRoutePrefixes.Any(reserved => route.StartsWith(reserved, StringComparison.OrdinalIgnoreCase))
            ? throw Unsupported(function, $"its route '{route}' starts with a prefix the Azure Functions host reserves ({string.Join(", ", ReservedRoutePrefixes)})")
            : route;

    private static readonly string[] ReservedRoutePrefixes = ["admin", "runtime"];

    private static NotSupportedException Unsupported(string function, string why) =>
        new($"The local host cannot serve function '{function}': {why}. Extend PetitionFunctions.LocalHost to bind it.");
}
