using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.LocalHost;

[Collection(LocalHostCollection.Name)]
public sealed class LocalHostTests(LocalHostFixture fixture)
{
    /// <summary>
    /// functions.metadata is what the Worker SDK generates for the Azure Functions host: the list of
    /// functions production serves, with their triggers. The local host must serve the same list.
    /// </summary>
    [Fact]
    public void Every_function_the_functions_host_would_serve_is_served_by_the_local_host_with_the_same_trigger()
    {
        var metadataPath = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(metadataPath));
        var production = metadata.RootElement.EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)));
        Assert.NotEmpty(production);

        var local = FunctionCatalog.Read(typeof(ServiceRegistration).Assembly).ToDictionary(f => f.Name);
        Assert.Equal(production.Keys.Order(), local.Keys.Order());

        var endpoints = fixture.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        foreach (var (name, trigger) in production)
        {
            switch (trigger.GetProperty("type").GetString())
            {
                case "httpTrigger":
                    var endpoint = Assert.Single(endpoints, e => e.Metadata.GetMetadata<FunctionEntry>()?.Name == name);
                    Assert.Equal($"{fixture.Host.Settings.RoutePrefix}/{trigger.GetProperty("route").GetString()}", endpoint.RoutePattern.RawText!.TrimStart('/'));
                    var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order();
                    Assert.Equal(methods, endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Order());
                    break;
                case "queueTrigger":
                    Assert.Equal(trigger.GetProperty("queueName").GetString(), Assert.IsType<QueueBinding>(local[name].Trigger).QueueName);
                    break;
                case "timerTrigger":
                    var timer = Assert.IsType<TimerBinding>(local[name].Trigger);
                    Assert.Equal(trigger.GetProperty("schedule").GetString(), timer.Schedule);
                    TimerTriggerScheduler.Parse(timer.Schedule, fixture.Host.App.Configuration);
                    break;
                default:
                    Assert.Fail($"Function {name} has a trigger the local host does not serve: {trigger}");
                    break;
            }
        }
    }

    [Fact]
    public async Task Health_answers_200_once_ready()
    {
        var answer = await fixture.Http.GetAsync("health");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task The_campaign_list_shows_the_open_demo_campaigns_with_public_fields_only()
    {
        await fixture.NewCampaignAsync(c => c with { State = PetitionFunctions.Campaigns.CampaignState.Closed, Slug = "closed-" + Guid.NewGuid().ToString("n")[..8] });

        var answer = await fixture.Http.GetAsync("campaigns");
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var campaigns = JsonDocument.Parse(body).RootElement.GetProperty("campaigns").EnumerateArray().ToList();
        var slugs = campaigns.Select(c => c.GetProperty("slug").GetString()).ToList();
        Assert.All(DemoCampaigns.All, demo => Assert.Contains(demo.Slug, slugs));
        Assert.DoesNotContain(slugs, s => s!.StartsWith("closed-", StringComparison.Ordinal));
        var petition = campaigns.Single(c => c.GetProperty("slug").GetString() == "governor-end-s-comm");
        Assert.Equal(2500, petition.GetProperty("goal").GetInt32());
        Assert.Equal("petition", petition.GetProperty("kind").GetString());
        Assert.StartsWith("Gobernador", petition.GetProperty("title").GetProperty("es").GetString());
        Assert.DoesNotContain("@example.org", body);
        Assert.DoesNotContain("return_urls", body);
        Assert.DoesNotContain("allowed_origins", body);
    }

    [Fact]
    public async Task The_app_refuses_to_start_without_a_dedupe_key()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => LocalFunctionsHost.StartAsync(
            ["--urls", "http://127.0.0.1:0"],
            builder =>
            {
                builder.Configuration["AzureWebJobsStorage"] = fixture.Azurite.ConnectionString;
                builder.Configuration["Petitions:DedupeKey"] = Convert.ToBase64String(new byte[16]);
                builder.Configuration["Petitions:ActiveEncryptionKeyId"] = "k";
                builder.Configuration["Petitions:EncryptionKeys:k"] = Convert.ToBase64String(new byte[32]);
            }));

        Assert.Contains("DedupeKey", failure.Message);
    }
}
