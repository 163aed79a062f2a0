using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Tests.Confirmation;

public sealed class ConfirmationEmailsTests
{
    private static readonly PersonalDetails Signer = new("Ana <b>", "Pérez", "ana@example.org", "10027", null, null);
    private static readonly Uri Link = new("https://petitions.example/api/confirm/abc.def");
    private static readonly Uri Withdraw = new("https://petitions.example/api/withdraw/ghi.jkl?lang=es");

    [Theory]
    [InlineData(Language.En, "Confirm your signature", "Governor: take New York out of S-Comm")]
    [InlineData(Language.Es, "Confirme su firma", "Gobernador: saque a Nueva York de S-Comm")]
    public void The_confirm_email_is_in_the_signer_s_language_with_the_title_target_and_link(Language language, string subject, string title)
    {
        var email = ConfirmationEmails.Confirm(DemoCampaigns.All[0], Signer, language, Link, Withdraw);

        Assert.StartsWith(subject, email.Subject);
        Assert.Contains(title, email.Subject);
        Assert.Equal("ana@example.org", email.To.Address);
        foreach (var part in new[] { email.PlainText, email.Html })
        {
            Assert.Contains(Link.AbsoluteUri, part);
            Assert.Contains(Withdraw.AbsoluteUri, part);
            Assert.Contains("Office of the Governor of New York", part);
        }
        Assert.Contains("30", email.PlainText);
    }

    [Fact]
    public void The_html_part_escapes_what_people_typed_and_loads_nothing()
    {
        var email = ConfirmationEmails.Confirm(DemoCampaigns.All[0], Signer, Language.En, Link, Withdraw);

        Assert.Contains("Ana &lt;b&gt;", email.Html);
        Assert.DoesNotContain("<b>", email.Html);
        Assert.DoesNotContain("<img", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", email.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(email.Html, "href=").Count);
    }

    [Fact]
    public void The_already_signed_note_says_when_and_its_only_link_withdraws()
    {
        var email = ConfirmationEmails.AlreadySigned(DemoCampaigns.All[0], Signer, Language.Es, new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), Withdraw);

        Assert.StartsWith("Ya firmó", email.Subject);
        Assert.Contains("5 de marzo de 2026", email.PlainText);
        Assert.Contains(Withdraw.AbsoluteUri, email.PlainText);
        Assert.Contains("retirar su firma", email.PlainText);
        var link = Assert.Single(System.Text.RegularExpressions.Regex.Matches(email.Html, "href=\"([^\"]*)\""));
        Assert.Contains("/api/withdraw/", link.Groups[1].Value);
    }
}
