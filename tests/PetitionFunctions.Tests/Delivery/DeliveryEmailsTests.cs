using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.Email;
using PetitionFunctions.LocalHost;

namespace PetitionFunctions.Tests.Delivery;

public sealed class DeliveryEmailsTests
{
    private static readonly DeliveryRecord Record = new()
    {
        Campaign = "governor-end-s-comm", DeliveryId = "goal-2500", Kind = DeliveryKind.Goal, Reason = "the goal of 2,500 was reached",
        RequestedAt = new DateTimeOffset(2026, 11, 24, 18, 0, 0, TimeSpan.Zero),
    };

    private static readonly IReadOnlyList<DeliveredPart> Parts =
    [
        new(1, "signers-governor-end-s-comm-goal-2500-part-1-of-2.csv", 1500, 6_999_000, new string('a', 64)),
        new(2, "signers-governor-end-s-comm-goal-2500-part-2-of-2.csv", 1012, 4_000_000, new string('b', 64)),
    ];

    private static EmailMessage Email(Campaign campaign, CampaignSummary? summary = null, int part = 2) =>
        DeliveryEmails.Part(new DeliveryPacket(campaign, Record, 2512, 512, summary, Parts), part,
            EmailAttachment.FromBytes(Parts[part - 1].Name, DeliveryCsv.ContentType, [1, 2, 3]));

    [Fact]
    public void Goes_to_the_target_with_the_owner_copied_and_names_the_part_and_every_hash()
    {
        var email = Email(DemoCampaigns.All[0] with { OwnerEmail = "organiser@example.org" });

        Assert.Equal("governor-office@example.org", email.To.Address);
        Assert.Equal(["organiser@example.org"], email.Cc.Select(c => c.Address));
        Assert.EndsWith("(part 2 of 2)", email.Subject);
        Assert.Contains("2,512 signatures", email.Subject);
        Assert.Contains("part 2 of 2", email.PlainText);
        Assert.Contains("New since the last delivery: 512", email.PlainText);
        foreach (var part in Parts)
        {
            Assert.Contains(part.Sha256, email.PlainText);
            Assert.Contains(part.Sha256, email.Html);
        }
        Assert.Equal(Parts[1].Name, Assert.Single(email.Attachments).Name);
        Assert.Contains("No email addresses", email.PlainText);
    }

    [Fact]
    public async Task The_packet_comes_from_the_campaigns_coalition_with_its_reply_to_and_contact_line_and_singular_counts()
    {
        var campaign = DemoCampaigns.All[0] with
        {
            OwnerEmail = "owner@example.org",
            Coalition = new Coalition("New York Coalition to Stop S-Comm", "desk@example.org", "Ana Ruiz, (212) 555-0142"),
        };
        IReadOnlyList<DeliveredPart> one = [new(1, "signers-governor-end-s-comm-goal-2500.csv", 1, 120, new string('c', 64))];

        var email = DeliveryEmails.Part(new DeliveryPacket(campaign, Record, 1, 1, null, one), 1,
            EmailAttachment.FromBytes(one[0].Name, DeliveryCsv.ContentType, [1]));
        var mime = await MimeOfAsync(email);

        Assert.Equal("New York Coalition to Stop S-Comm", email.SenderName);
        Assert.Equal("desk@example.org", email.ReplyTo);
        Assert.EndsWith(": 1 signature", email.Subject);
        Assert.Contains("1 signer, 120 bytes", email.PlainText);
        Assert.Contains("Sent by New York Coalition to Stop S-Comm. Contact: Ana Ruiz, (212) 555-0142. Replies to this email reach desk@example.org.", email.PlainText);
        Assert.Contains("Ana Ruiz, (212) 555-0142", email.Html);
        Assert.Equal("New York Coalition to Stop S-Comm", mime.From.Mailboxes.Single().Name);
        Assert.Equal("desk@example.org", mime.ReplyTo.Mailboxes.Single().Address);
        // Without a reply-to of its own, replies reach the campaign's owner.
        Assert.Equal("owner@example.org", DeliveryEmails.Part(new DeliveryPacket(campaign with { Coalition = campaign.Coalition! with { ReplyTo = null } }, Record, 1, 1, null, one), 1,
            EmailAttachment.FromBytes(one[0].Name, DeliveryCsv.ContentType, [1])).ReplyTo);
    }

    /// <summary>The email as the outbox transport writes it (the same MIME the SMTP transport sends).</summary>
    private static async Task<MimeKit.MimeMessage> MimeOfAsync(EmailMessage email)
    {
        var folder = Directory.CreateTempSubdirectory("coalition-eml-");
        try
        {
            using var transport = new OutboxFolderTransport(Microsoft.Extensions.Options.Options.Create(new EmailOptions { Outbox = new() { Folder = folder.FullName } }), TimeProvider.System);
            await transport.SendAsync(email, Guid.NewGuid(), CancellationToken.None);
            return MimeKit.MimeMessage.Load(Directory.GetFiles(folder.FullName, "*.eml").Single());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_an_owner_there_is_no_copy_and_the_letter_text_replaces_the_description_when_set()
    {
        var campaign = DemoCampaigns.All[0] with { OwnerEmail = null };
        Assert.Empty(Email(campaign).Cc);
        Assert.Contains(campaign.Description.En, Email(campaign).PlainText);

        var letter = Email(campaign with { LetterText = new LocalizedText("Dear Governor,\nend it.", "Estimado:") });
        Assert.Contains("The letter:\n\nDear Governor,\nend it.", letter.PlainText);
        Assert.Contains("<p>Dear Governor,</p><p>end it.</p>", letter.Html);
        Assert.DoesNotContain(campaign.Description.En, letter.PlainText);
    }

    [Fact]
    public void Breakdowns_list_the_largest_entries_and_sum_the_rest_and_encode_html()
    {
        var regions = Enumerable.Range(1, 40).ToDictionary(i => $"R{i:D2}", i => i);
        regions["<b>X</b>"] = 100;
        var summary = new CampaignSummary { Campaign = "x", Count = 920, Breakdowns = new Breakdowns { Region = regions, Source = new Dictionary<string, int> { ["partner-cuav"] = 7 } } };

        var email = Email(DemoCampaigns.All[0], summary);

        Assert.Contains("  <b>X</b>: 100\n", email.PlainText);
        Assert.Contains("&lt;b&gt;X&lt;/b&gt;: 100", email.Html);
        Assert.DoesNotContain("<b>X</b>", email.Html);
        Assert.Contains("R40: 40", email.PlainText);
        Assert.DoesNotContain("R16: 16", email.PlainText);
        Assert.Contains("16 more: 136", email.PlainText); // R01..R16
        Assert.Contains("partner-cuav: 7", email.PlainText);
    }

    [Fact]
    public void A_single_part_has_a_plain_subject_and_file_name()
    {
        Assert.Equal("signers-c-close.csv", DeliveryEmails.FileName("c", "close", 1, 1));
        Assert.Equal("signers-c-close-part-3-of-4.csv", DeliveryEmails.FileName("c", "close", 3, 4));
    }
}
