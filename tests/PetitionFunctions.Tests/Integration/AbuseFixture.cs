using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PetitionFunctions.Intake;

namespace PetitionFunctions.Tests.Integration;

/// <summary>
/// The local host with the default rate limits (1 a minute, 5 in five minutes per address). The limiter
/// runs on its own clock, set one second into a window, so which posts of a burst fall in one window
/// does not depend on when the test runs.
/// </summary>
public sealed class AbuseFixture : LocalHostFixture
{
    protected override bool GenerousRateLimits => false;

    public FakeTimeProvider LimiterClock { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 1, TimeSpan.Zero));

    protected override void ReplaceServices(IServiceCollection services) =>
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<RateLimiter>(provider, (TimeProvider)LimiterClock));
}

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseFixture>
{
    public const string Name = "local host with the default rate limits";
}
