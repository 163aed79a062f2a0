using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Architecture;

/// <summary>
/// docs/configuration.md lists every setting of every options class (a class with a public
/// <c>const string Section</c> and settable properties), as <c>Section:Key</c>, and names no key those
/// classes do not have, so the document cannot drift from the code.
/// </summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string DocumentPath = Path.Combine(RepositoryRoot.Find(), "docs", "configuration.md");

    [GeneratedRegex(@"`([A-Za-z]+(?::[A-Za-z<>]+)+)`")]
    private static partial Regex DocumentedKey();

    /// <summary>Each options class by its section name.</summary>
    private static Dictionary<string, Type> OptionsClasses() =>
        typeof(ServiceRegistration).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && Settable(type).Any())
            .Select(type => (type, field: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(pair => pair.field is { IsLiteral: true } && pair.field.FieldType == typeof(string))
            .ToDictionary(pair => (string)pair.field!.GetRawConstantValue()!, pair => pair.type);

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>A class of this app whose settings are bound one level down (Email:Smtp:Host), not a value.</summary>
    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.Namespace?.StartsWith("PetitionFunctions", StringComparison.Ordinal) == true && Settable(type).Any();

    /// <summary>Every key the binder fills, with its type and default: "Email:Smtp:Port", Int32, 587.</summary>
    private static IEnumerable<(string Key, Type Type, object? Default)> Keys(string prefix, Type type, object? instance)
    {
        foreach (var property in Settable(type))
        {
            var value = instance is null ? null : property.GetValue(instance);
            if (IsNested(property.PropertyType))
                foreach (var inner in Keys($"{prefix}:{property.Name}", property.PropertyType, value)) yield return inner;
            else
                yield return ($"{prefix}:{property.Name}", property.PropertyType, value);
        }
    }

    [Fact]
    public void Every_options_class_is_found()
    {
        Assert.Contains("Email", OptionsClasses().Keys);
        Assert.True(OptionsClasses().Count >= 10, string.Join(", ", OptionsClasses().Keys));
    }

    [Fact]
    public void Every_setting_is_documented()
    {
        var document = File.ReadAllText(DocumentPath);
        var missing = OptionsClasses()
            .SelectMany(pair => Keys(pair.Key, pair.Value, Activator.CreateInstance(pair.Value)))
            .Where(key => !Regex.IsMatch(document, "`" + Regex.Escape(key.Key) + "[`:]"))
            .Select(key => $"| `{key.Key}` | {key.Type.Name} | {key.Default} | |")
            .ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md lacks these settings (rows to complete):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_documented_key_exists()
    {
        var sections = OptionsClasses();
        var unknown = new List<string>();
        foreach (Match match in DocumentedKey().Matches(File.ReadAllText(DocumentPath)))
        {
            var segments = match.Groups[1].Value.Split(':');
            if (!sections.TryGetValue(segments[0], out var type)) continue;
            foreach (var segment in segments.Skip(1))
            {
                if (Settable(type).FirstOrDefault(p => p.Name == segment) is not { } property) { unknown.Add(match.Value); break; }
                if (!IsNested(property.PropertyType)) break;
                type = property.PropertyType;
            }
        }
        Assert.True(unknown.Count == 0, "docs/configuration.md names settings no options class has: " + string.Join(", ", unknown.Distinct()));
    }
}
