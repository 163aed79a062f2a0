using System.Net.Http.Json;
using System.Text;

namespace PetitionFunctions.Tests.Support;

/// <summary>Bodies as partners send them: OSDI JSON from API integrations, form posts from plain HTML forms.</summary>
public static class Requests
{
    public static HttpContent Osdi(string givenName, string familyName, string email, string postalCode = "10027",
        string? language = null, string? source = null, string? comments = null) =>
        JsonContent.Create(new
        {
            person = new
            {
                given_name = givenName,
                family_name = familyName,
                email_addresses = new[] { new { address = email } },
                postal_addresses = new[] { new { postal_code = postalCode, locality = "New York", region = "NY" } },
                preferred_language = language,
            },
            comments,
            referrer_data = new { source = source ?? "partner-api" },
        });

    public static HttpContent Form(params (string Name, string Value)[] fields) =>
        new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public static HttpContent Raw(string body, string contentType) => new StringContent(body, Encoding.UTF8, contentType);

    public static HttpContent WithoutCharset(string body, string mediaType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }
}
