using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Support;

/// <summary>The local host with its storage stopped, and nothing in the background that would touch it.</summary>
public sealed class StorageDownFixture : LocalHostFixture
{
    protected override string[] DisabledFunctions => FunctionCatalog.Read(typeof(ServiceRegistration).Assembly)
        .Where(f => f.Trigger is QueueBinding or TimerBinding).Select(f => f.Name).ToArray();
}
