namespace PetitionFunctions.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class RealHostCollection : ICollectionFixture<RealHostFixture>
{
    public const string Name = "end to end on the real Functions host";
}

[CollectionDefinition(Name)]
public sealed class StandInCollection : ICollectionFixture<StandInFixture>
{
    public const string Name = "end to end on the stand-in";
}
