using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PetitionFunctions.Tests.Common;

/// <summary>Settings out of their range stop the app at start-up, naming the setting, rather than being ignored at run time.</summary>
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
    [InlineData("Intake:RateLimits:0:Count", "20000", "Intake:RateLimits")]
    [InlineData("Intake:RateLimits:0:WindowSeconds", "0", "Intake:RateLimits")]
    [InlineData("Intake:RateLimits:5:Count", "3", "Intake:RateLimits")]
    [InlineData("Stories:RetentionDays", "-1", "Stories:RetentionDays")]
    public void A_setting_out_of_its_range_stops_the_app_and_is_named(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?> { ["Intake:RateLimits:0:Count"] = "3", ["Intake:RateLimits:0:WindowSeconds"] = "60" };
        settings[key] = value;
        if (key.StartsWith("Intake:RateLimits:5", StringComparison.Ordinal))
            for (var i = 1; i < 5; i++) (settings[$"Intake:RateLimits:{i}:Count"], settings[$"Intake:RateLimits:{i}:WindowSeconds"]) = ("3", $"{60 * (i + 1)}");
        if (key == "Intake:RateLimits:5:Count") settings["Intake:RateLimits:5:WindowSeconds"] = "600";

        Assert.Contains(named, StartupFailure(settings) ?? "");
    }

    [Fact]
    public void Settings_within_their_ranges_are_not_named()
    {
        var failure = StartupFailure(new() { ["Intake:RateLimits:0:Count"] = "10000", ["Intake:RateLimits:0:WindowSeconds"] = "86400", ["Stories:RetentionDays"] = "0" }) ?? "";

        Assert.DoesNotContain("Intake:RateLimits", failure);
        Assert.DoesNotContain("Stories:RetentionDays", failure);
    }
}
