using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Endorsements;

public class EndorsementEmailsTests
{
    private static StoredEndorsement Stored(Language language) =>
        new("letter", "org-1", EndorserKind.Organization,
            new OrganizationProfile("Casa <b>Latina</b>", "https://casa.example/", EndorsementScope.Local, "Queens", "NY", null, null),
            "casa.example", true, true, language, null, DateTimeOffset.UnixEpoch, EndorsementState.Unconfirmed, null, ModerationState.Pending,
            null, "", 0, null, null);

    [Fact]
    public void The_email_is_in_the_endorser_s_language_with_one_link_and_the_organisation_s_name_escaped()
    {
        var link = new Uri("https://app.example/api/endorsements/confirm/abc.def");
        var details = new EndorserDetails("Lucía", "Directora", "lucia@casa.example");

        var es = EndorsementEmails.Confirm(EndorsementRulesTests.Letter(), Stored(Language.Es), details, link);
        var en = EndorsementEmails.Confirm(EndorsementRulesTests.Letter(), Stored(Language.En), details, link);

        Assert.Equal("Confirme su respaldo: Suspendan S-Comm", es.Subject);
        Assert.Contains("Hola Lucía:", es.PlainText);
        Assert.Contains("Casa <b>Latina</b>", es.PlainText);
        Assert.Contains("Casa &lt;b&gt;Latina&lt;/b&gt;", es.Html);
        Assert.Contains(link.AbsoluteUri, es.PlainText);
        Assert.Equal("Confirm your endorsement: Suspend S-Comm", en.Subject);
        Assert.Equal("lucia@casa.example", en.To.Address);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(en.Html, "https://").Count);
    }

    [Fact]
    public void A_signature_s_confirm_token_does_not_confirm_an_endorsement()
    {
        var tokens = new PetitionFunctions.Confirmation.LinkTokens(TestSecrets.Options(TestSecrets.Valid()), TimeProvider.System);
        var token = tokens.Create(PetitionFunctions.Confirmation.LinkTokens.ConfirmPurpose, "letter", "org-1", TimeSpan.FromDays(1));

        Assert.Null(tokens.Read(EndorsementOutbox.Purpose, token));
        Assert.NotNull(tokens.Read(EndorsementOutbox.Purpose, tokens.Create(EndorsementOutbox.Purpose, "letter", "org-1", TimeSpan.FromDays(1))));
    }
}
