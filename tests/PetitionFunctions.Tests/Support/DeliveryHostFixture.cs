namespace PetitionFunctions.Tests.Support;

/// <summary>A local host whose queue functions run (confirmation emails, deliveries) and whose outbox the tests read.</summary>
public sealed class DeliveryHostFixture : ConsumingHostFixture;
