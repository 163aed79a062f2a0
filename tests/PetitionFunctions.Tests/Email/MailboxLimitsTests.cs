using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Email;

public class MailboxLimitsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly MailboxLimits Limits = new(MailboxLimits.DefaultPerTenMinutes, MailboxLimits.DefaultPerDay);

    private static MailboxSend Sent(int minutesAgo, string email) => new(Now.AddMinutes(-minutesAgo), email);

    [Fact]
    public void Two_emails_in_ten_minutes_go_and_the_third_waits_until_the_older_of_them_is_ten_minutes_old()
    {
        Assert.IsType<MailboxVerdict.Send>(Limits.Judge([], "a", Now));
        Assert.IsType<MailboxVerdict.Send>(Limits.Judge([Sent(3, "a")], "b", Now));

        var third = Assert.IsType<MailboxVerdict.Later>(Limits.Judge([Sent(8, "a"), Sent(3, "b")], "c", Now));

        Assert.Equal(Now.AddMinutes(2), third.At);
    }

    [Fact]
    public void The_window_slides_so_no_boundary_lets_a_burst_through()
    {
        Assert.IsType<MailboxVerdict.Later>(Limits.Judge([Sent(9, "a"), Sent(1, "b")], "c", Now));
        Assert.IsType<MailboxVerdict.Send>(Limits.Judge([Sent(11, "a"), Sent(1, "b")], "c", Now));
    }

    [Fact]
    public void The_sixth_email_of_a_day_is_not_sent_and_a_day_later_the_inbox_has_its_share_again()
    {
        MailboxSend[] day = [Sent(23 * 60, "a"), Sent(600, "b"), Sent(300, "c"), Sent(60, "d"), Sent(30, "e")];

        Assert.IsType<MailboxVerdict.Full>(Limits.Judge(day, "f", Now));
        Assert.IsType<MailboxVerdict.Send>(Limits.Judge(day, "f", Now.AddHours(1).AddMinutes(1)));
    }

    [Fact]
    public void An_email_tried_again_uses_the_share_it_already_took()
    {
        MailboxSend[] sent = [Sent(2, "a"), Sent(1, "b")];

        var again = Assert.IsType<MailboxVerdict.Send>(Limits.Judge(sent, "a", Now));

        Assert.Equal(2, again.Sends.Count);
    }

    [Theory]
    [InlineData("Victim+1@Example.org", "victim@example.org")]
    [InlineData("victim+a+b@example.org", "victim@example.org")]
    [InlineData("v.i.c.t.i.m+x@gmail.com", "victim@gmail.com")]
    [InlineData("victim@example.org", "victim@example.org")]
    [InlineData("+tag@example.org", "+tag@example.org")]
    public void An_inbox_ignores_plus_tags_and_case_on_every_domain(string address, string mailbox)
    {
        Assert.Equal(mailbox, EmailAddresses.Mailbox(address));
    }
}
