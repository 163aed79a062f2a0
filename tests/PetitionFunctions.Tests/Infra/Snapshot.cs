using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PetitionFunctions.Tests.Infra;

/// <summary>
/// What a deployment of infra/main.bicep would create, predicted offline by `bicep snapshot`: the
/// resources of every module with their names and properties evaluated, except values only Azure knows
/// (reference(...) to a resource that does not exist yet), which stay ARM expressions.
/// </summary>
internal sealed class Snapshot
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string TenantId = "00000000-0000-0000-0000-0000000000b2";
    public const string ApiAppId = "00000000-0000-0000-0000-0000000000c3";
    public const string DeployerId = "00000000-0000-0000-0000-0000000000d4";

    /// <summary>The parameters an `azd up` would pass, after the preprovision hook has run.</summary>
    public static Dictionary<string, object> TypicalParameters() => new()
    {
        ["environmentName"] = "petitions-test",
        ["location"] = "eastus2",
        ["principalId"] = DeployerId,
        ["apiAppId"] = ApiAppId,
        ["dedupeKey"] = "ZGVkdXBlLWtleS1kZWR1cGUta2V5LWRlZHVwZS1rZXktISE=",
        ["linkKey"] = "bGluay1rZXktbGluay1rZXktbGluay1rZXktbGluay1rZXk=",
        ["encryptionKey"] = "ZW5jcnlwdGlvbi1rZXktZW5jcnlwdGlvbi1rZXktZW5jcnk=",
        ["activeEncryptionKeyId"] = "k2",
        ["retiredEncryptionKeyIds"] = "k1",
    };

    private Snapshot(JsonObject document) => Document = document;

    public JsonObject Document { get; }

    public IEnumerable<JsonObject> Resources => Document["predictedResources"]!.AsArray().Select(node => node!.AsObject());

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type}, found {matches.Count}.");
        return matches[0];
    }

    public static Snapshot Of(IDictionary<string, object> parameters)
    {
        var folder = Directory.CreateTempSubdirectory("bicep-snapshot-");
        try
        {
            var paramFile = Path.Combine(folder.FullName, "main.bicepparam");
            var text = new StringBuilder();
            // A .bicepparam must name its template by a relative path.
            text.AppendLine(CultureInfo.InvariantCulture, $"using '{Path.GetRelativePath(folder.FullName, InfraPaths.MainBicep).Replace('\\', '/')}'");
            foreach (var (name, value) in parameters)
                text.AppendLine(CultureInfo.InvariantCulture, $"param {name} = {Literal(value)}");
            File.WriteAllText(paramFile, text.ToString());

            var result = Bicep.RunIn(folder.FullName, "snapshot", paramFile, "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", (string)parameters["location"]);
            Assert.True(result.ExitCode == 0, "bicep snapshot failed:\n" + result.Output);
            var document = JsonNode.Parse(File.ReadAllText(Path.Combine(folder.FullName, "main.snapshot.json")))!.AsObject();
            var diagnostics = document["diagnostics"]?.AsArray() ?? [];
            Assert.True(diagnostics.Count == 0, "bicep snapshot reported:\n" + diagnostics.ToJsonString());
            return new Snapshot(document);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Literal(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        string text => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        _ => throw new ArgumentException("Unsupported parameter value " + value),
    };
}

/// <summary>One snapshot of a typical deployment, shared by the tests of a class.</summary>
public sealed class TypicalDeployment
{
    private readonly Lazy<Snapshot> _snapshot = new(() => Snapshot.Of(Snapshot.TypicalParameters()));

    internal Snapshot Snapshot => _snapshot.Value;
}
