namespace PetitionFunctions.Email;

/// <summary>
/// A file sent with an email. The content is opened when the transport needs it (a temporary file, say),
/// so building the message holds no copy of it; every call to <see cref="Open"/> must return the same bytes
/// from the start, since a transport may read it more than once (a retry).
/// </summary>
public sealed record EmailAttachment(string Name, string ContentType, Func<Stream> Open)
{
    public static EmailAttachment FromBytes(string name, string contentType, byte[] content) =>
        new(name, contentType, () => new MemoryStream(content, writable: false));

    /// <summary>The attachment's bytes, read in full (the ACS request carries them in base64).</summary>
    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken)
    {
        await using var stream = Open();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
