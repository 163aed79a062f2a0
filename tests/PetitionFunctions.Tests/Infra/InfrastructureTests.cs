using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Infra;

/// <summary>What a deployment of infra/main.bicep creates, read from `bicep snapshot` (offline).</summary>
public class InfrastructureTests(TypicalDeployment deployment) : IClassFixture<TypicalDeployment>
{
    private Snapshot Snapshot => deployment.Snapshot;

    private static string Name(JsonObject resource) => ((string)resource["name"]!).Split('/')[^1];

    [Fact]
    public void The_function_app_runs_on_flex_consumption_with_dotnet_isolated_10()
    {
        var plan = Snapshot.Single("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string)plan["sku"]!["name"]!);
        Assert.Equal("FlexConsumption", (string)plan["sku"]!["tier"]!);
        Assert.True((bool)plan["properties"]!["reserved"]!);

        var site = Snapshot.Single("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string)site["kind"]!);
        Assert.Equal("api", (string)site["tags"]!["azd-service-name"]!);
        var config = site["properties"]!["functionAppConfig"]!;
        Assert.Equal("dotnet-isolated", (string)config["runtime"]!["name"]!);
        Assert.Equal("10.0", (string)config["runtime"]!["version"]!);
        Assert.Equal(100, (int)config["scaleAndConcurrency"]!["maximumInstanceCount"]!);
        Assert.Empty(config["scaleAndConcurrency"]!["alwaysReady"]!.AsArray());
        Assert.Equal("UserAssignedIdentity", (string)config["deployment"]!["storage"]!["authentication"]!["type"]!);
        Assert.True((bool)site["properties"]!["httpsOnly"]!);
        Assert.Equal("UserAssigned", (string)site["identity"]!["type"]!);
        Assert.Contains("userAssignedIdentities", (string)site["properties"]!["keyVaultReferenceIdentity"]!);
    }

    [Fact]
    public void Platform_cors_stays_empty_because_the_app_answers_cors_per_campaign()
    {
        var cors = Snapshot.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["cors"]!;
        Assert.Empty(cors["allowedOrigins"]!.AsArray());
    }

    [Fact]
    public void An_always_ready_instance_is_one_parameter_away()
    {
        var parameters = Snapshot.TypicalParameters();
        parameters["alwaysReadyInstanceCount"] = 1;
        parameters["maximumInstanceCount"] = 40;
        var config = Snapshot.Of(parameters).Single("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.Equal(40, (int)config["maximumInstanceCount"]!);
        var ready = Assert.Single(config["alwaysReady"]!.AsArray());
        Assert.Equal("http", (string)ready!["name"]!);
        Assert.Equal(1, (int)ready["instanceCount"]!);
    }

    [Fact]
    public void Storage_has_shared_keys_off_and_exactly_the_apps_tables_and_queues()
    {
        var account = Snapshot.Single("Microsoft.Storage/storageAccounts")["properties"]!;
        Assert.False((bool)account["allowSharedKeyAccess"]!);
        Assert.False((bool)account["allowBlobPublicAccess"]!);

        var tables = Snapshot.OfType("Microsoft.Storage/storageAccounts/tableServices/tables").Select(Name).Order();
        Assert.Equal(StorageNames.Tables.Order(), tables);
        var queues = Snapshot.OfType("Microsoft.Storage/storageAccounts/queueServices/queues").Select(Name).Order();
        Assert.Equal(StorageNames.Queues.SelectMany(queue => new[] { queue, StorageNames.PoisonQueue(queue) }).Order(), queues);
        Assert.Single(Snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"));
    }

    [Fact]
    public void Key_vault_uses_rbac_and_monitoring_and_email_refuse_local_auth()
    {
        var vault = Snapshot.Single("Microsoft.KeyVault/vaults")["properties"]!;
        Assert.True((bool)vault["enableRbacAuthorization"]!);
        Assert.True((bool)vault["enablePurgeProtection"]!);
        Assert.True((bool)Snapshot.Single("Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!);
        Assert.True((bool)Snapshot.Single("Microsoft.OperationalInsights/workspaces")["properties"]!["features"]!["disableLocalAuth"]!);
        Assert.True((bool)Snapshot.Single("Microsoft.Communication/communicationServices")["properties"]!["disableLocalAuth"]!);
        var domain = Snapshot.Single("Microsoft.Communication/emailServices/domains");
        Assert.Equal("AzureManaged", (string)domain["properties"]!["domainManagement"]!);
    }

    [Fact]
    public void The_identity_and_the_deployer_get_the_built_in_roles_on_the_right_resources()
    {
        var assignments = Snapshot.OfType("Microsoft.Authorization/roleAssignments")
            .Select(assignment => (
                Principal: (string)assignment["properties"]!["principalId"]!,
                Role: ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1],
                Scope: (string)assignment["id"]!))
            .ToList();
        var app = assignments.Where(a => a.Principal != Snapshot.DeployerId).ToList();
        var user = assignments.Where(a => a.Principal == Snapshot.DeployerId).ToList();

        (string Role, string ScopeType)[] appRoles =
        [
            ("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"), // Storage Table Data Contributor
            ("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts"), // Storage Queue Data Contributor
            ("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"), // Storage Blob Data Owner
            ("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"), // Monitoring Metrics Publisher
            ("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults"), // Key Vault Secrets User
            ("09976791-48a7-449e-bb21-39d1a415f350", "Microsoft.Communication/communicationServices"), // Communication and Email Service Owner
        ];
        Assert.Equal(appRoles.Length, app.Count);
        foreach (var (role, scopeType) in appRoles)
            Assert.Contains(app, a => a.Role == role && a.Scope.Contains($"/providers/{scopeType}/", StringComparison.Ordinal));
        // By default whoever deploys gets no data role: deploying is not a reason to read signers' data.
        Assert.Empty(user);

        // Asked for, the deployer gets the data roles too, not the telemetry one.
        var parameters = Snapshot.TypicalParameters();
        parameters["grantDeployerDataAccess"] = true;
        var granted = Snapshot.Of(parameters).OfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => (string)assignment["properties"]!["principalId"]! == Snapshot.DeployerId)
            .Select(assignment => ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1]);
        Assert.Equal(appRoles.Where(r => r.ScopeType != "Microsoft.Insights/components").Select(r => r.Role).Order(), granted.Order());
    }

    [Fact]
    public void Key_vault_audit_events_and_table_reads_go_to_log_analytics()
    {
        var settings = Snapshot.OfType("Microsoft.Insights/diagnosticSettings").ToList();
        var workspace = (string)Snapshot.Single("Microsoft.OperationalInsights/workspaces")["name"]!;
        JsonObject On(string scopeType) => Assert.Single(settings, setting => ((string)setting["id"]!).Contains($"/providers/{scopeType}/", StringComparison.Ordinal));

        var vault = On("Microsoft.KeyVault/vaults")["properties"]!;
        var tables = On("Microsoft.Storage/storageAccounts")["properties"]!;

        Assert.Equal(["AuditEvent"], vault["logs"]!.AsArray().Where(log => (bool)log!["enabled"]!).Select(log => (string)log!["category"]!));
        Assert.Equal(["StorageRead"], tables["logs"]!.AsArray().Where(log => (bool)log!["enabled"]!).Select(log => (string)log!["category"]!));
        Assert.Contains("/tableServices/default/", (string)On("Microsoft.Storage/storageAccounts")["id"]!, StringComparison.Ordinal);
        Assert.All(new[] { vault, tables }, properties => Assert.EndsWith(workspace, (string)properties["workspaceId"]!, StringComparison.Ordinal));
    }

    [Fact]
    public void A_verified_custom_domain_becomes_the_sender()
    {
        var parameters = Snapshot.TypicalParameters();
        parameters["emailCustomDomain"] = "petitions.example.org";
        var unverified = Snapshot.Of(parameters);
        Assert.Equal(2, unverified.OfType("Microsoft.Communication/emailServices/domains").Count());
        Assert.Single(unverified.Single("Microsoft.Communication/communicationServices")["properties"]!["linkedDomains"]!.AsArray());
        Assert.StartsWith("[format('DoNotReply@{0}'", (string)unverified.Single("Microsoft.Web/sites/config")["properties"]!["Email__SenderAddress"]!);

        parameters["emailCustomDomainVerified"] = true;
        var verified = Snapshot.Of(parameters);
        Assert.Equal(2, verified.Single("Microsoft.Communication/communicationServices")["properties"]!["linkedDomains"]!.AsArray().Count);
        var sender = (string)verified.Single("Microsoft.Web/sites/config")["properties"]!["Email__SenderAddress"]!;
        Assert.Contains("DoNotReply", sender);
        Assert.Contains("petitions.example.org", sender);
    }

    [Fact]
    public void The_outputs_give_the_hooks_the_api_address()
    {
        var outputs = Snapshot.Document["outputs"]!.AsObject();
        foreach (var name in new[] { "API_URL", "SERVICE_API_URI", "SERVICE_API_NAME", "API_APP_ID", "AZURE_KEY_VAULT_NAME", "EMAIL_SENDER_ADDRESS" })
            Assert.True(outputs.ContainsKey(name), "main.bicep has no output " + name);
    }

    [Fact]
    public void Main_parameters_json_binds_every_parameter_to_an_azd_environment_value()
    {
        var template = Bicep.Build(InfraPaths.MainBicep)["parameters"]!.AsObject();
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(InfraPaths.Infra, "main.parameters.json")))!["parameters"]!.AsObject();
        Assert.Equal(template.Select(p => p.Key).Order(), file.Select(p => p.Key).Order());
        foreach (var (name, entry) in file)
            Assert.Matches(@"^\$\{[A-Z0-9_]+(=[^}]*)?\}$", (string)entry!["value"]!);
        // The secrets come from the azd environment (the preprovision hook), never a value of the template:
        // the only default is empty, which means "already in Key Vault" (and keeps azd from prompting).
        foreach (var secret in new[] { "dedupeKey", "linkKey", "encryptionKey" })
        {
            Assert.Equal("securestring", (string)template[secret]!["type"]!);
            Assert.Equal("", (string)template[secret]!["defaultValue"]!);
        }
        Assert.DoesNotContain("newGuid", File.ReadAllText(InfraPaths.MainBicep));
    }

    [Fact]
    public void Azure_yaml_names_the_api_service_and_the_hooks()
    {
        var yaml = File.ReadAllText(Path.Combine(InfraPaths.Root, "azure.yaml"));
        Assert.Matches(@"(?m)^  api:\n    project: \./functions/PetitionFunctions\n    language: dotnet\n    host: function", yaml.Replace("\r\n", "\n"));
        Assert.Contains("preprovision:", yaml);
        foreach (Match run in Regex.Matches(yaml, @"run: (infra/hooks/\S+)"))
            Assert.True(File.Exists(Path.Combine(InfraPaths.Root, run.Groups[1].Value)), run.Groups[1].Value + " is named in azure.yaml but missing");
    }

    [Fact]
    public void The_hook_creates_the_app_roles_the_admin_api_checks()
    {
        var roles = typeof(AdminRoles).GetFields().Where(field => field.IsLiteral).Select(field => (string)field.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(roles);
        foreach (var hook in new[] { "preprovision.sh", "preprovision.ps1" })
        {
            var text = File.ReadAllText(Path.Combine(InfraPaths.Infra, "hooks", hook));
            Assert.All(roles, role => Assert.Contains($"\"{role}\"", text.Replace('\'', '"')));
        }
    }
}
