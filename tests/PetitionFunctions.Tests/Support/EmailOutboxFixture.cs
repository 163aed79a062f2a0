using Microsoft.Extensions.DependencyInjection;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Support;

/// <summary>No email consumer or relay runs on its own: the tests drive the outbox step by step against Azurite.</summary>
public sealed class EmailOutboxFixture : LocalHostFixture
{
    public AddressScriptedTransport Transport { get; } = new();

    protected override string[] DisabledFunctions =>
    [
        "SendConfirmationEmail", "GiveUpOnConfirmationEmail", "RelayPendingConfirmations",
        "SendEndorsementConfirmation", "GiveUpOnEndorsementConfirmation", "RelayPendingEndorsementConfirmations",
        "SendStoryEmail", "GiveUpOnStoryEmail", "RelayPendingStoryEmails", "RollUpCounts",
    ];

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IEmailTransport>(Transport);
}

[CollectionDefinition(Name)]
public sealed class EmailOutboxCollection : ICollectionFixture<EmailOutboxFixture>
{
    public const string Name = "email outbox";
}
