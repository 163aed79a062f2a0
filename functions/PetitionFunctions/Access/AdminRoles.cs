namespace PetitionFunctions.Access;

/// <summary>The app roles of the admin API's Entra ID app registration.</summary>
public static class AdminRoles
{
    /// <summary>Manage campaigns and signatures.</summary>
    public const string Admin = "Petitions.Admin";

    /// <summary>Trigger deliveries to the target.</summary>
    public const string Deliver = "Petitions.Deliver";

    /// <summary>Read and moderate stories (the stories stage).</summary>
    public const string Stories = "Petitions.Stories";
}
