using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Email;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

public sealed class HalfFailingEmailFixture : ConsumingHostFixture
{
    public HalfFailingTransport Transport { get; private set; } = null!;

    // Two tries a round: with a fair coin one round in four fails, so forty signers all but surely
    // send some emails through the poison queue and a later round; twelve rounds make a give-up
    // (thirteen failed rounds in a row) practically impossible.
    protected override HostSettings Adjust(HostSettings settings) => base.Adjust(settings) with { MaxDequeueCount = 2 };

    protected override void Configure(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
        base.Configure(builder);
        builder.Configuration["Email:RetryRounds"] = "12";
    }

    protected override void ReplaceServices(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IEmailTransport));
        services.AddSingleton<IEmailTransport>(provider =>
            Transport = new HalfFailingTransport((IEmailTransport)registered.ImplementationFactory!(provider)));
    }
}
