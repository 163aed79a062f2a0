namespace PetitionFunctions.Access;

/// <summary>
/// The app roles (<see cref="AdminRoles"/>) that may call an admin function: a caller needs any one of
/// them. Every function whose route is under /api/manage/ must carry it; <see cref="AdminGate"/> refuses
/// one that does not, whatever the token.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresRoleAttribute(params string[] anyOf) : Attribute
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;
}
