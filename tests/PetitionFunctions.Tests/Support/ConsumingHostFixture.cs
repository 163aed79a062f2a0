using Microsoft.AspNetCore.Builder;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>A local host whose email functions run, with host.json's retry timings shortened and no re-send cool-down.</summary>
public class ConsumingHostFixture : LocalHostFixture
{
    protected override string[] DisabledFunctions => ["RelayPendingConfirmations", "RollUpCounts"];

    protected override HostSettings Adjust(HostSettings settings) =>
        settings with { VisibilityTimeout = TimeSpan.Zero, MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Configuration["Intake:ResendCooldown"] = "00:00:00";
        // A parked email is due again at once; the tests run the outbox relay themselves.
        builder.Configuration["Email:FirstRetryDelay"] = "00:00:00";
    }
}
