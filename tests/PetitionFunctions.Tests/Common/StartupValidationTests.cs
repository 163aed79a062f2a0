using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Tests.Common;

/// <summary>A setting out of its range stops the app at start-up, naming the setting, rather than failing the first job that reads it.</summary>
public sealed class StartupValidationTests
{
    private static string? StartupFailure(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPetitionFunctions(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception failure) when (failure is OptionsValidationException or AggregateException)
        {
            return failure.Message;
        }
    }

    [Fact]
    public void A_negative_story_retention_stops_the_app_and_is_named()
    {
        Assert.Contains("Stories:RetentionDays", StartupFailure(new() { ["Stories:RetentionDays"] = "-1" }) ?? "");
        Assert.DoesNotContain("Stories:RetentionDays", StartupFailure(new() { ["Stories:RetentionDays"] = "0" }) ?? "");
    }
}
