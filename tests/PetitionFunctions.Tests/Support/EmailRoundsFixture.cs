using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Email;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>Three tries a round, no wait between rounds, and no relay timers: the tests run the endorsement relay themselves.</summary>
public sealed class EmailRoundsFixture : ConsumingHostFixture
{
    public const int TriesPerRound = 3;

    public RoundScriptedTransport Transport { get; } = new(TriesPerRound);

    protected override string[] DisabledFunctions => [.. base.DisabledFunctions, "RelayPendingEndorsementConfirmations", "RelayPendingStoryEmails"];

    protected override HostSettings Adjust(HostSettings settings) => base.Adjust(settings) with { MaxDequeueCount = TriesPerRound };

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IEmailTransport>(Transport);
}
