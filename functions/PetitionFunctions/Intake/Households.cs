using System.Globalization;
using System.Text;

namespace PetitionFunctions.Intake;

/// <summary>
/// People in one family often share one email address. Different names at one address are different
/// signatures, up to <see cref="MaxSignaturesPerAddress"/> per campaign; the same name again is the same
/// signature (docs/decisions.md, "Households share an address").
/// </summary>
public static class Households
{
    /// <summary>A family, not a mailing list: past four, a shared address is more likely abuse than a household.</summary>
    public const int MaxSignaturesPerAddress = 4;

    /// <summary>
    /// A name as households are told apart: accents, case, punctuation and spacing do not make a different
    /// person ("José  García-López" is "jose garcia lopez"), and given and family name are read as one.
    /// </summary>
    public static string CanonicalName(string givenName, string familyName)
    {
        var decomposed = $"{givenName} {familyName}".Normalize(NormalizationForm.FormKD);
        var canonical = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.Format)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                if (space && canonical.Length > 0) canonical.Append(' ');
                canonical.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else space = true;
        }
        return canonical.ToString();
    }
}
