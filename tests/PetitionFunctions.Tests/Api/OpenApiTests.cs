using Microsoft.OpenApi;
using PetitionFunctions.Access;
using PetitionFunctions.Api;
using PetitionFunctions.Common;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Api;

/// <summary>docs/openapi.json describes exactly the HTTP functions there are, and is a valid OpenAPI 3.1 document.</summary>
public sealed class OpenApiTests
{
    private static readonly string DocumentPath = Path.Combine(RepositoryRoot.Find(), "docs", "openapi.json");

    private static OpenApiDocument Document()
    {
        var read = OpenApiDocument.Parse(File.ReadAllText(DocumentPath), "json");
        Assert.True(read.Diagnostic?.Errors.Count is null or 0,
            "docs/openapi.json is not valid OpenAPI: " + string.Join("; ", read.Diagnostic!.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic!.SpecificationVersion);
        return read.Document!;
    }

    private static IEnumerable<(string Name, string Method, string Path)> AllMethods() =>
        FunctionCatalog.Read(typeof(ServiceRegistration).Assembly)
            .Where(function => function.Trigger is HttpBinding)
            .SelectMany(function => ((HttpBinding)function.Trigger).Methods.Select(method => (function.Name, method.ToUpperInvariant(), "/" + ((HttpBinding)function.Trigger).Route)));

    /// <summary>
    /// The described operations: HEAD goes with every GET, and the fallback (404 and 405 for whatever no
    /// function serves) is no operation; the document says both once, in its description.
    /// </summary>
    private static IEnumerable<(string Name, string Method, string Path)> Functions() =>
        AllMethods().Where(function => function.Method != "HEAD" && function.Name != nameof(PetitionFunctions.Api.FallbackFunctions.ZzNoSuchRoute));

    [Fact]
    public void Every_GET_also_answers_HEAD_and_nothing_else_does()
    {
        var methods = AllMethods().ToLookup(function => function.Name, function => function.Method);

        Assert.All(methods, function => Assert.Equal(function.Contains("GET"), function.Contains("HEAD")));
        Assert.Contains("HEAD", Document().Info.Description, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, string Method, string Path, OpenApiOperation Operation)> Operations(OpenApiDocument document) =>
        document.Paths.SelectMany(path => path.Value.Operations!.Select(operation =>
            (operation.Value.OperationId!, operation.Key.Method.ToUpperInvariant(), path.Key, operation.Value)));

    [Fact]
    public void Every_http_function_and_nothing_else_is_described_under_its_own_name()
    {
        var described = Operations(Document()).Select(o => (o.Name, o.Method, o.Path)).Order().ToList();

        Assert.Equal(Functions().Order().ToList(), described);
    }

    [Fact]
    public void Admin_operations_and_only_they_ask_for_an_entra_id_token_and_the_partner_listing_for_a_partner_key()
    {
        foreach (var (name, _, path, operation) in Operations(Document()))
        {
            var schemes = (operation.Security ?? []).SelectMany(requirement => requirement.Keys).Select(scheme => scheme.Reference?.Id ?? scheme.Name).ToList();
            var expected = path.StartsWith("/" + AdminRoutes.Root + "/", StringComparison.Ordinal) ? ["entraId"]
                : name == "PartnerListSignatures" ? ["partnerKey"] : Array.Empty<string>();
            Assert.True(expected.SequenceEqual(schemes), $"{name} ({path}): security [{string.Join(", ", schemes)}] does not match the route.");
        }
    }

    [Fact]
    public void The_app_serves_the_document_in_docs()
    {
        Assert.Equal(File.ReadAllText(DocumentPath), EmbeddedFiles.Read(OpenApiFunctions.ResourceName));
    }
}
