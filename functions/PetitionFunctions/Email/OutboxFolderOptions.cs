namespace PetitionFunctions.Email;

public sealed class OutboxFolderOptions
{
    /// <summary>Where .eml files are written; relative paths are under the working directory.</summary>
    public string Folder { get; set; } = "outbox";
}
