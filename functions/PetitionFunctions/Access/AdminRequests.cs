using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Common;

namespace PetitionFunctions.Access;

/// <summary>What the admin functions share: reading a JSON body, the caller's name for the logs (answers are never cached: <see cref="AdminGate"/>).</summary>
public static class AdminRequests
{
    /// <summary>Campaign documents carry long texts in two languages, so admin bodies may be larger than a signature's 16 KB.</summary>
    public const int MaxBodyBytes = 128 * 1024;

    /// <summary>Reads at most 128 KB of UTF-8 JSON, the way every body is read (<see cref="RequestBody"/>); anything else is a problem.</summary>
    public static async Task<(string? Json, ProblemKind? Problem)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken, MaxBodyBytes);
        return problem switch
        {
            ProblemKind.BodyTooLarge => (null, ProblemKind.DocumentTooLarge),
            { } other => (null, other),
            null when body!.Format != BodyFormat.Json => (null, ProblemKind.UnsupportedContentType),
            null => (body.Text, null),
        };
    }

    /// <summary>The admin's object id (from the validated token), for the audit lines in the logs. Staff, never a signer.</summary>
    public static string ActorOf(HttpRequest request) => ObjectIdOf(request) ?? "unknown";

    /// <summary>The admin's Entra object id from the validated token, or null when the token names none.</summary>
    public static string? ObjectIdOf(HttpRequest request) =>
        request.HttpContext.User.FindFirst("oid")?.Value
        ?? request.HttpContext.User.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
        ?? request.HttpContext.User.FindFirst("sub")?.Value;
    /// <summary>
    /// A body that must be one JSON object holding exactly one field (PUT /manage/intake, PUT /manage/email-budget):
    /// the field's value as <paramref name="read"/> takes it (adding its own error when it cannot), or the errors per field.
    /// </summary>
    public static (T? Value, FieldErrors Errors) ParseOneField<T>(string json, string field, Func<JsonElement, FieldErrors, T?> read) where T : struct
    {
        ArgumentNullException.ThrowIfNull(read);
        var errors = new FieldErrors();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object) errors.Add("body", FieldMessages.NotAnObject);
            else
            {
                foreach (var property in document.RootElement.EnumerateObject())
                    if (property.Name != field) errors.Add(property.Name, AdminMessages.UnknownRequestField);
                if (!document.RootElement.TryGetProperty(field, out var value)) errors.Add(field, FieldMessages.Required);
                else if (read(value, errors) is { } taken && errors.IsEmpty) return (taken, errors);
            }
        }
        catch (JsonException)
        {
            errors.Add("body", FieldMessages.MalformedJson);
        }
        return (null, errors);
    }

}

/// <summary>
/// The first segment of every admin route: the admin API is served under /api/manage/.... Not "admin":
/// the Azure Functions host refuses any HTTP route whose template starts with "admin" (or "runtime"),
/// whatever the route prefix ("The specified route conflicts with one or more built in routes"), and
/// the local host refuses the same.
/// </summary>
public static class AdminRoutes
{
    public const string Root = "manage";
}
