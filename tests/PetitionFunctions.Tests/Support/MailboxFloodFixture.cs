namespace PetitionFunctions.Tests.Support;

/// <summary>A consuming host with the production per-inbox email limits (2 per ten minutes, 5 a day).</summary>
public sealed class MailboxFloodFixture : ConsumingHostFixture
{
    protected override bool GenerousMailboxLimits => false;
}
