using System.Reflection;
using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

/// <summary>
/// Every word the app says is declared once, English beside Spanish, in a stage's catalogue: a static
/// class named *Messages holding <see cref="LocalizedText"/> entries (or functions that build one).
/// </summary>
public sealed class TextCatalogueTests
{
    private static readonly Type[] Catalogues = typeof(LocalizedText).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true, IsPublic: true } && t.Name.EndsWith("Messages", StringComparison.Ordinal))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> CatalogueNames() => new(Catalogues.Select(t => t.FullName!));

    [Fact]
    public void Every_stage_with_words_has_its_catalogue()
    {
        var names = Catalogues.Select(t => t.Name).ToHashSet();
        foreach (var expected in new[]
                 {
                     "FieldMessages", "LinkPageMessages", "AdminMessages", "ConfirmationMessages", "IntakeMessages",
                     "EndorsementMessages", "ModerationMessages", "StoryMessages", "CaptchaMessages", "DeliveryMessages",
                 })
            Assert.Contains(expected, names);
    }

    [Theory]
    [MemberData(nameof(CatalogueNames))]
    public void Every_entry_has_English_and_Spanish_words_that_differ(string catalogue)
    {
        var entries = Entries(Catalogues.Single(t => t.FullName == catalogue)).ToList();

        Assert.NotEmpty(entries);
        foreach (var (name, text) in entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(text.En), $"{catalogue}.{name} has no English.");
            Assert.False(string.IsNullOrWhiteSpace(text.Es), $"{catalogue}.{name} has no Spanish.");
            Assert.True(text.En != text.Es, $"{catalogue}.{name} says the same in both languages: {text.En}");
            Assert.Equal(text.En, text.In(Language.En));
            Assert.Equal(text.Es, text.In(Language.Es));
        }
    }

    [Fact]
    public void A_text_is_the_function_of_its_language_where_words_are_worded_late()
    {
        var errors = new FieldErrors();
        errors.Add("email", FieldMessages.InvalidEmail);

        Assert.Equal(FieldMessages.InvalidEmail.Es, Assert.Single(errors.In(Language.Es)["email"]));
        Assert.Equal(FieldMessages.InvalidEmail.En, Assert.Single(errors.In(Language.En)["email"]));
    }

    /// <summary>The catalogue's texts: static LocalizedText fields and properties, the texts of a static record of them, and what its functions return for sample arguments.</summary>
    private static IEnumerable<(string Name, LocalizedText Text)> Entries(Type catalogue)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in catalogue.GetFields(flags))
            foreach (var entry in Texts(field.Name, field.GetValue(null)))
                yield return entry;
        foreach (var property in catalogue.GetProperties(flags))
            foreach (var entry in Texts(property.Name, property.GetValue(null)))
                yield return entry;
        foreach (var method in catalogue.GetMethods(flags).Where(m => m.ReturnType == typeof(LocalizedText) && !m.IsSpecialName))
            yield return (method.Name, (LocalizedText)method.Invoke(null, method.GetParameters().Select(p => Sample(p.ParameterType)).ToArray())!);
    }

    private static IEnumerable<(string Name, LocalizedText Text)> Texts(string name, object? value)
    {
        if (value is LocalizedText text)
            yield return (name, text);
        else if (value is not null && value.GetType().Namespace?.StartsWith("PetitionFunctions", StringComparison.Ordinal) == true)
            foreach (var property in value.GetType().GetProperties().Where(p => p.PropertyType == typeof(LocalizedText)))
                yield return ($"{name}.{property.Name}", (LocalizedText)property.GetValue(value)!);
    }

    private static object Sample(Type type) =>
        type == typeof(int) ? 7
        : type == typeof(string) ? "Sample"
        : type == typeof(LocalizedText) ? new LocalizedText("Title", "Título")
        : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero)
        : type == typeof(IReadOnlyList<string>) ? new[] { "goal-100" }
        : throw new NotSupportedException($"Give the catalogue test a sample {type.Name}.");
}
