using PetitionFunctions.Common;

namespace PetitionFunctions.Tests.Common;

public sealed class TextFieldsTests
{
    [Theory]
    [InlineData("An\0a")]
    [InlineData("Ana\u0085María")]
    [InlineData("Pe\u007frez")]
    [InlineData("Ana\nMaría")]
    [InlineData("Ana\u202Eflow")]
    [InlineData("N\u2068Y\u2069")]
    [InlineData("\u202A\u202B\u202C\u202D")]
    [InlineData("An\uFEFFa")]
    public void A_line_refuses_controls_bidi_overrides_byte_order_marks_and_broken_surrogates(string value)
    {
        var errors = new FieldErrors();

        TextFields.Line(value, "name", required: true, maxLength: 100, errors);

        Assert.True(errors.Has("name"));
    }

    [Theory]
    [InlineData("Ana María")]
    [InlineData("محمد\u200F علي")]
    [InlineData("שרה\u200E כהן")]
    [InlineData("Ana 👩🏽‍🌾")]
    [InlineData("ناصر\u061C")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("=HYPERLINK(\"x\")")]
    public void A_line_takes_right_to_left_names_with_their_marks_emoji_and_markup_as_text(string value)
    {
        var errors = new FieldErrors();

        TextFields.Line(value, "name", required: true, maxLength: 100, errors);

        Assert.True(errors.IsEmpty);
    }

    [Fact]
    public void A_line_refuses_a_surrogate_without_its_pair()
    {
        // Not in InlineData: attribute strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
        foreach (var value in new[] { "An\ud800a", "An\udc00a", "Ana\ud800", "\udfffAna" })
        {
            var errors = new FieldErrors();
            TextFields.Line(value, "name", required: true, maxLength: 100, errors);
            Assert.True(errors.Has("name"), value);
        }
    }

    [Fact]
    public void A_paragraph_takes_line_breaks_and_tabs_but_not_bidi_overrides()
    {
        var fine = new FieldErrors();
        var bidi = new FieldErrors();

        TextFields.Paragraph("Line one\r\n\tLine two", "comments", 2000, fine);
        TextFields.Paragraph("Line one\n\u2067two\u2069", "comments", 2000, bidi);

        Assert.True(fine.IsEmpty);
        Assert.True(bidi.Has("comments"));
    }

    [Fact]
    public void Tidying_a_broken_surrogate_does_not_throw_and_leaves_it_to_be_refused() =>
        Assert.Equal("a\ud800", TextFields.Tidy(" a\ud800 "));
}

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"a\":\"\\ud800\"}")]
    [InlineData("{\"\\udc00\":1}")]
    [InlineData("{\"x\":1,\"\\udc00\":1,\"\\udc00\":2}")]
    [InlineData("[\"ok\",[\"\\udbff\"]]")]
    [InlineData("{\"a\":")]
    [InlineData("")]
    public void Strict_parsing_refuses_duplicate_names_broken_surrogates_and_malformed_text(string json) =>
        Assert.Null(JsonBody.Parse(json));

    [Fact]
    public void Strict_parsing_refuses_nesting_beyond_its_depth()
    {
        Assert.NotNull(JsonBody.Parse(new string('[', 16) + new string(']', 16)));
        Assert.Null(JsonBody.Parse(new string('[', 17) + new string(']', 17)));
        Assert.Null(JsonBody.Parse(new string('[', 9) + new string(']', 9), maxDepth: 8));
    }

    [Fact]
    public void Strict_parsing_takes_paired_surrogates_and_escapes()
    {
        using var document = JsonBody.Parse("{\"name\":\"\\ud83d\\ude00 \\u00e9\",\"list\":[\"a\"]}");

        Assert.Equal("😀 é", document!.RootElement.GetProperty("name").GetString());
    }
}
