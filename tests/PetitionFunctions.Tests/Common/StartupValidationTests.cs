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

    [Theory]
    [InlineData("20000", "60")]
    [InlineData("5", "0")]
    [InlineData("5", "100000")]
    public void A_default_rate_limit_out_of_range_stops_the_app_and_is_named(string count, string windowSeconds)
    {
        var failure = StartupFailure(new() { ["Intake:RateLimits:0:Count"] = count, ["Intake:RateLimits:0:WindowSeconds"] = windowSeconds });

        Assert.Contains("Intake:RateLimits", failure ?? "");
    }

    [Fact]
    public void Six_default_rate_limits_are_one_too_many_and_five_in_range_are_not()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < 5; i++) (settings[$"Intake:RateLimits:{i}:Count"], settings[$"Intake:RateLimits:{i}:WindowSeconds"]) = ("10000", $"{86_400 - i}");
        Assert.DoesNotContain("Intake:RateLimits", StartupFailure(settings) ?? "");

        (settings["Intake:RateLimits:5:Count"], settings["Intake:RateLimits:5:WindowSeconds"]) = ("1", "1");
        Assert.Contains("Intake:RateLimits", StartupFailure(settings) ?? "");
    }

    [Fact]
    public void The_console_s_sign_in_needs_an_https_authority_even_when_it_is_made_from_the_api_s_instance()
    {
        var derived = new Dictionary<string, string?> { ["Console:ClientId"] = "console", ["AzureAd:Instance"] = "http://login.example/", ["AzureAd:TenantId"] = "t" };
        Assert.Contains("Console:ClientId", StartupFailure(derived) ?? "");
        Assert.Contains("Console:Authority must be an https address", StartupFailure(new() { ["Console:Authority"] = "http://login.example/t" }) ?? "");

        derived["AzureAd:Instance"] = "https://login.example/";
        Assert.DoesNotContain("Console:", StartupFailure(derived) ?? "");
        Assert.DoesNotContain("Console:", StartupFailure(new() { ["AzureAd:Instance"] = "http://login.example/" }) ?? "");
    }

    [Fact]
    public void A_negative_story_retention_stops_the_app_and_is_named()
    {
        Assert.Contains("Stories:RetentionDays", StartupFailure(new() { ["Stories:RetentionDays"] = "-1" }) ?? "");
        Assert.DoesNotContain("Stories:RetentionDays", StartupFailure(new() { ["Stories:RetentionDays"] = "0" }) ?? "");
    }
}
