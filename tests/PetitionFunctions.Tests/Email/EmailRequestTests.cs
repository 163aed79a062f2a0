using PetitionFunctions.Email;

namespace PetitionFunctions.Tests.Email;

public sealed class EmailRequestTests
{
    private static readonly string Key = new('a', 64);

    [Fact]
    public void A_queued_request_names_the_campaign_the_record_and_which_email_and_nothing_about_the_person()
    {
        var json = new EmailRequest("s-comm", Key, 2, EmailKind.AlreadySigned).ToJson();

        Assert.Equal($$"""{"campaign":"s-comm","key":"{{Key}}","sequence":2,"kind":"AlreadySigned"}""", json);
        Assert.Equal(new EmailRequest("s-comm", Key, 2, EmailKind.AlreadySigned), EmailRequest.Parse(json));
    }

    [Fact]
    public void A_first_request_may_leave_out_its_sequence_and_kind()
    {
        Assert.Equal(new EmailRequest("s-comm", Key), EmailRequest.Parse($$"""{"campaign":"s-comm","key":"{{Key}}"}"""));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"campaign":"s-comm"}""")]
    [InlineData("""{"campaign":"s-comm","key":"../x"}""")]
    [InlineData("""{"campaign":"Not A Slug","key":"abc"}""")]
    [InlineData("""{"campaign":"s-comm","key":"abc","sequence":0}""")]
    [InlineData("""{"campaign":"s-comm","key":"abc","kind":"Bogus"}""")]
    public void A_message_that_is_not_a_request_cannot_be_read_and_retrying_will_not_help(string message)
    {
        Assert.Throws<FormatException>(() => EmailRequest.Parse(message));
        Assert.Null(EmailRequest.TryParse(message));
    }

    [Fact]
    public void The_relay_waits_twice_as_long_after_each_relay_of_a_row_up_to_four_hours()
    {
        var request = new EmailRequest("c", Key);

        Assert.Equal([5, 10, 20, 40, 80, 160, 240, 240], new[] { 0, 1, 2, 3, 4, 5, 6, 40 }.Select(relays => new OutboxEntry(request, relays).NextWait.TotalMinutes));
    }
}
