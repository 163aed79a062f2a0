using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

public sealed class ScriptedDeliveryFixture : ConsumingHostFixture
{
    public ScriptedDeliveryTransport Transport { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IEmailTransport>(Transport);
}
