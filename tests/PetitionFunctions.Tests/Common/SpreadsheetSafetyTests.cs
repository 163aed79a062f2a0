using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

public class SpreadsheetSafetyTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1 555 0100")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tindent")]
    [InlineData("\rreturn")]
    [InlineData("=")]
    [InlineData("＝1+1")]
    [InlineData("＋1 555 0100")]
    [InlineData("－2+3")]
    [InlineData("＠SUM(A1)")]
    [InlineData("\u200b=1+1")]
    [InlineData("\ufeff\u200d=HYPERLINK(\"http://evil.example\")")]
    [InlineData("\u2060＝1+1")]
    public void Text_starting_like_a_formula_gets_a_leading_apostrophe(string text) =>
        Assert.Equal("'" + text, SpreadsheetSafety.Neutralize(text));

    [Theory]
    [InlineData("")]
    [InlineData("Ana")]
    [InlineData("a=b")]
    [InlineData("1+1")]
    [InlineData("'=already quoted")]
    [InlineData(" =leading space")]
    [InlineData("ana@example.org")]
    [InlineData("Ñandú")]
    [InlineData("\u200bAna")]
    [InlineData("\u200b")]
    [InlineData("Ａna")]
    public void Other_text_is_untouched(string text) =>
        Assert.Equal(text, SpreadsheetSafety.Neutralize(text));

    [Fact]
    public void Neutralising_twice_does_not_add_a_second_apostrophe()
    {
        var once = SpreadsheetSafety.Neutralize("=1+1");
        Assert.Equal(once, SpreadsheetSafety.Neutralize(once));
    }
}
