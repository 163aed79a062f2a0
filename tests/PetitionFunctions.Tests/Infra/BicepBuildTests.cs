using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PetitionFunctions.Tests.Infra;

/// <summary>
/// Every .bicep file under infra/ builds and lints with the pinned Bicep CLI, offline, with no error and
/// no warning (the linter's rules are set in infra/bicepconfig.json).
/// </summary>
public class BicepBuildTests
{
    public static TheoryData<string> BicepFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in InfraPaths.BicepFiles()) data.Add(InfraPaths.Relative(file));
        return data;
    }

    [Fact]
    public void The_templates_are_all_found()
    {
        var files = InfraPaths.BicepFiles().Select(InfraPaths.Relative).ToList();
        Assert.Contains("infra/main.bicep", files);
        Assert.True(files.Count >= 8, "Expected main.bicep and its modules, found: " + string.Join(", ", files));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Builds_with_no_warnings(string file)
    {
        var result = Bicep.Run("build", "--stdout", Path.Combine(InfraPaths.Root, file));
        Assert.True(result.ExitCode == 0, $"bicep build {file} failed:\n{result.StdErr}");
        Assert.True(result.StdErr.Trim().Length == 0, $"bicep build {file} reported:\n{result.StdErr}");
        Assert.NotNull(JsonNode.Parse(result.StdOut));
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void Lints_with_no_diagnostics(string file)
    {
        var result = Bicep.Run("lint", Path.Combine(InfraPaths.Root, file));
        Assert.True(result.ExitCode == 0 && result.Output.Length == 0, $"bicep lint {file}:\n{result.Output}");
    }

    [Fact]
    public void The_linter_is_on_and_rules_are_not_silenced_wholesale()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "bicepconfig.json")),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var core = config["analyzers"]!["core"]!;
        Assert.True((bool)core["enabled"]!);
        var off = core["rules"]!.AsObject().Where(rule => (string?)rule.Value!["level"] == "off").Select(rule => rule.Key).ToList();
        // Only rules that are off by default anyway may be listed as off: use-recent-api-versions
        // compares with today's date, so pinned versions would start failing CI on their own.
        Assert.All(off, rule => Assert.Contains(rule, new[] { "use-recent-api-versions", "use-user-defined-types" }));
    }

    [Fact]
    public void No_registry_modules_and_no_deployment_scripts()
    {
        foreach (var file in InfraPaths.BicepFiles())
        {
            var text = File.ReadAllText(file);
            Assert.False(Regex.IsMatch(text, @"\b(module|extension|import)\s+[^\n]*'(br|ts)[:/]"), $"{InfraPaths.Relative(file)} uses a registry reference; it cannot be restored offline.");
            Assert.DoesNotContain("Microsoft.Resources/deploymentScripts", text);
        }
    }

    [Fact]
    public void Every_resource_has_a_pinned_api_version()
    {
        foreach (var file in InfraPaths.BicepFiles())
            foreach (Match match in Regex.Matches(File.ReadAllText(file), @"^\s*resource\s+\w+\s+'([^']+)'", RegexOptions.Multiline))
            {
                var type = match.Groups[1].Value;
                if (!type.Contains('/')) continue; // a nested child ('config') takes its parent's version
                Assert.Matches(@"^[A-Za-z.]+/[A-Za-z/]+@\d{4}-\d{2}-\d{2}(-preview)?$", type);
            }
    }

    [Fact]
    public void The_compiled_template_holds_no_key_or_connection_string_of_storage_or_communication()
    {
        var json = Bicep.Build(InfraPaths.MainBicep).ToJsonString();
        foreach (var forbidden in new[] { "listKeys", "listConnectionStrings", "AccountKey=", "SharedAccessSignature", "accessKey", "primaryKey" })
            Assert.DoesNotContain(forbidden, json, StringComparison.OrdinalIgnoreCase);
    }
}
