using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Stories;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Stories;

/// <summary>Story fields are bound to their row and field; queue messages and emails carry nothing of the story.</summary>
public class StoryProtectionTests
{
    private readonly PersonalDataCipher _cipher = new(TestSecrets.Options(TestSecrets.Valid()));

    [Fact]
    public void A_field_decrypts_only_on_its_own_row_and_under_its_own_name()
    {
        var text = StoryFields.Protect(_cipher, "s-comm-stories", new string('a', 32), StoryFields.Text, "Me detuvieron.");
        var story = Story("s-comm-stories", new string('a', 32), new() { [StoryFields.Text] = text, [StoryFields.RedactedEs] = text });

        Assert.Equal("Me detuvieron.", StoryFields.Unprotect(_cipher, story, StoryFields.Text));
        Assert.DoesNotContain("detuvieron", text);
        // The original copied into the redacted column, or onto another story, does not decrypt.
        Assert.ThrowsAny<CryptographicException>(() => StoryFields.Unprotect(_cipher, story, StoryFields.RedactedEs));
        Assert.ThrowsAny<CryptographicException>(() => StoryFields.Unprotect(_cipher, story with { Id = new string('b', 32) }, StoryFields.Text));
        Assert.ThrowsAny<CryptographicException>(() => StoryFields.Unprotect(_cipher, story with { Campaign = "other" }, StoryFields.Text));
        Assert.Null(StoryFields.Unprotect(_cipher, story, StoryFields.Name));
    }

    [Fact]
    public void Story_ids_are_random_hex()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => StoryTable.NewId()).ToHashSet();
        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.True(StoryTable.IsStoryId(id)));
        Assert.False(StoryTable.IsStoryId("ABC"));
        Assert.False(StoryTable.IsStoryId(new string('g', 32)));
    }

    [Theory]
    [InlineData(Language.En, "We received your story", "Withdraw", "Hi Ana,")]
    [InlineData(Language.Es, "Recibimos su historia", "retirar", "Hola Ana:")]
    public void The_receipt_is_in_the_writer_s_language_with_the_withdraw_link_and_quotes_nothing_of_the_story(
        Language language, string subject, string word, string greeting)
    {
        var campaign = DemoCampaigns.All.Single(c => c.Kind == CampaignKind.Stories);
        var link = new Uri("https://petitions.example/api/stories/withdraw/abc.def");

        var email = StoryEmails.Receipt(campaign, "ana@example.org", "Ana", language, link);

        Assert.Equal(subject, email.Subject);
        Assert.Equal("ana@example.org", email.To.Address);
        Assert.StartsWith(greeting, email.PlainText);
        Assert.Contains(word, email.PlainText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(link.AbsoluteUri, email.PlainText);
        Assert.Contains(link.AbsoluteUri, email.Html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(email.PlainText, "https?://"));
    }

    [Fact]
    public void A_withdraw_link_works_only_for_withdrawing()
    {
        var tokens = new LinkTokens(TestSecrets.Options(TestSecrets.Valid()), TimeProvider.System);
        var token = tokens.Create(StoryOutbox.WithdrawPurpose, "s-comm-stories", new string('a', 32), PetitionFunctions.Confirmation.LinkTokens.WithdrawLifetime);

        Assert.Equal(new string('a', 32), tokens.Read("withdraw-story", token)!.SignatureKey);
        Assert.Null(tokens.Read(LinkTokens.ConfirmPurpose, token));
    }

    [Fact]
    public async Task A_story_body_may_be_larger_than_16_KB_but_other_bodies_may_not()
    {
        var text = "{\"story\":\"" + new string('ñ', 12_000) + "\"}";
        HttpRequest Request()
        {
            var context = new DefaultHttpContext();
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(text));
            context.Request.ContentLength = null;
            return context.Request;
        }

        Assert.Equal(ProblemKind.BodyTooLarge, (await RequestBody.ReadAsync(Request(), CancellationToken.None)).Problem);
        var (body, problem) = await RequestBody.ReadAsync(Request(), CancellationToken.None, StoryRules.MaxBodyBytes);
        Assert.Null(problem);
        Assert.Equal(text, body!.Text);

        var tooLarge = new DefaultHttpContext();
        tooLarge.Request.ContentType = "application/json";
        tooLarge.Request.Body = new MemoryStream(new byte[StoryRules.MaxBodyBytes + 1]);
        Assert.Equal(ProblemKind.BodyTooLarge, (await RequestBody.ReadAsync(tooLarge.Request, CancellationToken.None, StoryRules.MaxBodyBytes)).Problem);
    }

    private static StoredStory Story(string campaign, string id, Dictionary<string, string> protectedFields) =>
        new(campaign, id, Language.Es, ConsentTier.Internal, false, false, null, DateTimeOffset.UnixEpoch, false, null, false, null, false,
            false, false, null, protectedFields);
}
