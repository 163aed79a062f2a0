using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

public class LanguagesTests
{
    [Theory]
    [InlineData("es", Language.Es)]
    [InlineData("ES", Language.Es)]
    [InlineData("es-MX", Language.Es)]
    [InlineData("es_419", Language.Es)]
    [InlineData(" es ", Language.Es)]
    [InlineData("en", Language.En)]
    [InlineData("en-GB", Language.En)]
    [InlineData("EN-us", Language.En)]
    public void Parse_reads_english_and_spanish_tags(string tag, Language expected) =>
        Assert.Equal(expected, Languages.Parse(tag));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("fr")]
    [InlineData("pt-BR")]
    [InlineData("eng")]
    [InlineData("esp")]
    [InlineData("*")]
    public void Parse_returns_null_for_anything_else(string? tag) =>
        Assert.Null(Languages.Parse(tag));

    [Theory]
    [InlineData("fr;q=1, es;q=0.8, en;q=0.5", Language.Es)]
    [InlineData("fr;q=1, en;q=0.8, es;q=0.5", Language.En)]
    [InlineData("en;q=0.3, es;q=0.9", Language.Es)]
    [InlineData("es-MX,es;q=0.9,en-US;q=0.8,en;q=0.7", Language.Es)]
    [InlineData("en-US,en;q=0.9", Language.En)]
    [InlineData("es, en", Language.Es)]
    [InlineData("en, es", Language.En)]
    [InlineData("es;q=0, en;q=0.1", Language.En)]
    [InlineData("de, es;q=0.1", Language.Es)]
    public void FromAcceptLanguage_picks_the_best_supported_language_by_quality(string header, Language expected) =>
        Assert.Equal(expected, Languages.FromAcceptLanguage(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fr, de;q=0.8")]
    [InlineData("*")]
    [InlineData("es;q=0")]
    public void FromAcceptLanguage_returns_null_without_a_supported_language(string? header) =>
        Assert.Null(Languages.FromAcceptLanguage(header));

    [Fact]
    public void Negotiate_prefers_the_chosen_language() =>
        Assert.Equal(Language.Es, Languages.Negotiate("es", "en", "en"));

    [Fact]
    public void Negotiate_uses_the_query_when_nothing_is_chosen() =>
        Assert.Equal(Language.Es, Languages.Negotiate(null, "es", "en"));

    [Fact]
    public void Negotiate_skips_an_unknown_choice() =>
        Assert.Equal(Language.Es, Languages.Negotiate("fr", "es", "en"));

    [Fact]
    public void Negotiate_uses_the_header_without_chosen_or_query() =>
        Assert.Equal(Language.Es, Languages.Negotiate(null, null, "fr, es;q=0.5"));

    [Fact]
    public void Negotiate_uses_the_header_when_the_query_is_unknown() =>
        Assert.Equal(Language.Es, Languages.Negotiate(null, "de", "es"));

    [Fact]
    public void Negotiate_defaults_to_english() =>
        Assert.Equal(Language.En, Languages.Negotiate(null, null, null));

    [Fact]
    public void Negotiate_defaults_to_english_when_nothing_is_supported() =>
        Assert.Equal(Language.En, Languages.Negotiate("fr", "de", "pt"));

    [Theory]
    [InlineData(Language.En, "en")]
    [InlineData(Language.Es, "es")]
    public void Code_gives_the_tag(Language language, string code) => Assert.Equal(code, language.Code());

    [Fact]
    public void LocalizedText_picks_the_language()
    {
        var text = new LocalizedText("Sign", "Firme");
        Assert.Equal("Sign", text.In(Language.En));
        Assert.Equal("Firme", text.In(Language.Es));
    }
}
