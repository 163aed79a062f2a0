using PetitionFunctions.Common;
using PetitionFunctions.Email;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Tests.Confirmation;

public sealed class EmailAllowanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Cooldown = TimeSpan.FromMinutes(10);

    private static StoredSignature Signature(SignatureState state = SignatureState.Unconfirmed, int requests = 1, int sent = 1,
        int lastSent = 1, TimeSpan? sinceLastRequest = null, string? failure = null) =>
        new("c", new string('a', 64), state, Language.En, null, null, "100", Now.AddHours(-1),
            state == SignatureState.Confirmed ? Now.AddMinutes(-30) : null, "k:x", requests,
            Now - (sinceLastRequest ?? TimeSpan.FromHours(1)), sent, lastSent, failure);

    [Fact]
    public void Signing_again_while_unconfirmed_resends_the_confirmation() =>
        Assert.Equal(EmailKind.Confirm, EmailAllowance.ForRepeat(Signature(), Now, Cooldown));

    [Fact]
    public void Signing_again_once_confirmed_sends_the_already_signed_note() =>
        Assert.Equal(EmailKind.AlreadySigned, EmailAllowance.ForRepeat(Signature(SignatureState.Confirmed), Now, Cooldown));

    [Fact]
    public void Nothing_is_sent_within_the_cooldown()
    {
        Assert.Null(EmailAllowance.ForRepeat(Signature(sinceLastRequest: TimeSpan.FromMinutes(9)), Now, Cooldown));
        Assert.NotNull(EmailAllowance.ForRepeat(Signature(sinceLastRequest: TimeSpan.FromMinutes(10)), Now, Cooldown));
    }

    [Fact]
    public void No_more_than_five_emails_are_ever_asked_for()
    {
        Assert.NotNull(EmailAllowance.ForRepeat(Signature(requests: 4), Now, Cooldown));
        Assert.Null(EmailAllowance.ForRepeat(Signature(requests: 5), Now, Cooldown));
    }

    [Fact]
    public void Nothing_more_goes_to_an_address_that_failed_for_good() =>
        Assert.Null(EmailAllowance.ForRepeat(Signature(failure: "smtp 550"), Now, Cooldown));

    [Fact]
    public void Signing_again_after_an_email_was_given_up_on_in_an_outage_tries_again()
    {
        Assert.Equal(EmailKind.Confirm, EmailAllowance.ForRepeat(Signature(sent: 0, lastSent: 0, failure: EmailRetryRounds.GaveUp), Now, Cooldown));
        Assert.Null(EmailAllowance.ForRepeat(Signature(sent: 0, lastSent: 0, failure: EmailRetryRounds.GaveUp, sinceLastRequest: TimeSpan.FromMinutes(1)), Now, Cooldown));
    }

    [Fact]
    public void A_request_already_sent_is_not_sent_again()
    {
        var signature = Signature(requests: 2, sent: 2, lastSent: 2);

        Assert.False(EmailAllowance.ShouldSend(signature, 2, EmailKind.Confirm));
        Assert.False(EmailAllowance.ShouldSend(signature, 1, EmailKind.Confirm));
        Assert.True(EmailAllowance.ShouldSend(signature, 3, EmailKind.Confirm));
    }

    [Fact]
    public void A_confirm_email_is_not_sent_for_a_signature_confirmed_meanwhile_but_the_note_is()
    {
        var confirmed = Signature(SignatureState.Confirmed, requests: 2, lastSent: 1);

        Assert.False(EmailAllowance.ShouldSend(confirmed, 2, EmailKind.Confirm));
        Assert.True(EmailAllowance.ShouldSend(confirmed, 2, EmailKind.AlreadySigned));
    }

    [Fact]
    public void Nothing_is_sent_past_five_emails_or_after_a_permanent_failure()
    {
        Assert.False(EmailAllowance.ShouldSend(Signature(requests: 6, sent: 5, lastSent: 5), 6, EmailKind.Confirm));
        Assert.False(EmailAllowance.ShouldSend(Signature(requests: 2, failure: "rejected"), 2, EmailKind.Confirm));
    }

    [Theory]
    [InlineData(SignatureState.Withdrawn)]
    [InlineData(SignatureState.Invalidated)]
    public void A_withdrawn_or_invalidated_signature_is_never_emailed(SignatureState state)
    {
        var signature = Signature(state, requests: 2, lastSent: 1);

        Assert.Null(EmailAllowance.ForRepeat(signature, Now, Cooldown));
        Assert.False(EmailAllowance.ShouldSend(signature, 2, EmailKind.Confirm));
        Assert.False(EmailAllowance.ShouldSend(signature, 2, EmailKind.AlreadySigned));
    }
}
