using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace PetitionFunctions.Common;

public static class Html
{
    // Escapes markup but leaves letters as they are, so "venció" stays readable in the source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string text) => Encoder.Encode(text);
}
