using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// The local host with the default rate limits (1 a minute, 5 in five minutes per address). The limiter
/// runs on its own clock, set one second into a window, so which posts of a burst fall in one window
/// does not depend on when the test runs. The captcha providers are a local stand-in.
/// </summary>
public sealed class AbuseFixture : LocalHostFixture, IDisposable
{
    public void Dispose() => Captcha.Dispose();

    protected override bool GenerousRateLimits => false;

    // The tests roll up themselves; a timer's roll-up racing one of theirs can win and leave their count a step behind.
    protected override string[] DisabledFunctions =>
        [.. base.DisabledFunctions, "ReconcileCounts", "DetectTrends"];

    public FakeTimeProvider LimiterClock { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 1, TimeSpan.Zero));

    /// <summary>The captcha providers' verify endpoints, stood in locally.</summary>
    public CaptchaStandIn Captcha { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["Trends:Threshold"] = "5";
        builder.Configuration["Captcha:TurnstileSecret"] = CaptchaStandIn.TurnstileSecret;
        builder.Configuration["Captcha:HCaptchaSecret"] = CaptchaStandIn.HCaptchaSecret;
        builder.Configuration["Captcha:TurnstileVerifyUrl"] = new Uri(Captcha.BaseUrl, "turnstile/v0/siteverify").AbsoluteUri;
        builder.Configuration["Captcha:HCaptchaVerifyUrl"] = new Uri(Captcha.BaseUrl, "hcaptcha/siteverify").AbsoluteUri;
    }

    protected override void ReplaceServices(IServiceCollection services) =>
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<RateLimiter>(provider, (TimeProvider)LimiterClock));
}

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseFixture>
{
    public const string Name = "local host with the default rate limits";
}
