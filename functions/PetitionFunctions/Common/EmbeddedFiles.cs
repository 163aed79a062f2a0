using System.Text;

namespace PetitionFunctions.Common;

/// <summary>Files compiled into the assembly (the embed script, the OpenAPI document), so they always match the code that serves them.</summary>
public static class EmbeddedFiles
{
    public static string Read(string resourceName)
    {
        using var stream = typeof(EmbeddedFiles).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The embedded resource {resourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
