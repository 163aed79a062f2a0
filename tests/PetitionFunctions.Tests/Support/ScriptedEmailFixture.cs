using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

public sealed class ScriptedEmailFixture : ConsumingHostFixture
{
    public ScriptedTransport Transport { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IEmailTransport>(Transport);
}
