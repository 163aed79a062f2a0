using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Stories;

/// <summary>The encrypted columns of a story row, each its own ciphertext bound to "story:{campaign}:{id}:{column}".</summary>
public static class StoryFields
{
    public const string Text = "Text";
    public const string Name = "Name";
    public const string Contact = "Contact";
    public const string CountyOrCity = "CountyOrCity";
    public const string RedactedEn = "RedactedEn";
    public const string RedactedEs = "RedactedEs";

    public static readonly string[] All = [Text, Name, Contact, CountyOrCity, RedactedEn, RedactedEs];

    public static string Context(string campaign, string id, string field) => $"story:{campaign}:{id}:{field}";

    public static string Protect(PersonalDataCipher cipher, string campaign, string id, string field, string plaintext) =>
        cipher.Encrypt(plaintext, Context(campaign, id, field));

    public static string? Unprotect(PersonalDataCipher cipher, StoredStory story, string field) =>
        story.ProtectedField(field) is { } value ? cipher.Decrypt(value, Context(story.Campaign, story.Id, field)) : null;
}
