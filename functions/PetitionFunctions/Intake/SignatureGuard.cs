using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Intake;

/// <summary>What intake does with a valid signature once the bot checks have looked at it.</summary>
public abstract record GuardVerdict
{
    /// <summary>
    /// Store it, with its sender hashes, flagged (kept out of the count) when <see cref="Flag"/> is set; with
    /// <see cref="LimitsDue"/>, its email job applies the rate limits.
    /// </summary>
    public sealed record Take(string? Flag, string? IpHash, string EmailDomainHash, bool LimitsDue = false) : GuardVerdict;

    /// <summary>A bot filled the honeypot: answer as if received, store and send nothing.</summary>
    public sealed record Drop : GuardVerdict;

    public sealed record Refuse(IntakeOutcome.Refused Outcome) : GuardVerdict;
}

/// <summary>
/// The checks a signature passes after its fields are valid, in order: the honeypot, the campaign's
/// captcha (a token is single-use, so it is spent only on an otherwise acceptable signature), then the
/// per-address rate limits (a refused captcha takes no slot). Only a client that asked for a 429 waits for
/// the limits: for every other one they are left to the signature's confirmation email job
/// (<see cref="SignatureRecord.LimitsDue"/>), which flags a signature over them and sends it nothing, so the
/// sign-on itself costs two storage requests (docs/decisions.md, "Rate limits are applied by the email job").
/// </summary>
public sealed class SignatureGuard(SubmissionGuard submissions, RateLimiter rateLimits, SenderHashes hashes, CaptchaVerifier captchas)
{
    public async Task<GuardVerdict> CheckAsync(
        Campaign campaign, SignatureSubmission submission, ValidSignature signature, Requester requester, CancellationToken cancellationToken)
    {
        if (submissions.Trapped(campaign, "A signature", submission.Honeypot)) return new GuardVerdict.Drop();
        var emailDomainHash = hashes.ForEmailDomain(signature.CanonicalEmail);
        // A partner's server, known by its key, posts many people's signatures from one address and cannot solve a captcha.
        if (requester.Partner is not null) return new GuardVerdict.Take(null, null, emailDomainHash);
        if (campaign.Captcha is { } captcha && await CheckCaptchaAsync(captcha, submission, signature.Language, cancellationToken) is { } refused)
            return new GuardVerdict.Refuse(refused);

        if (!requester.WantsStrictRateLimits)
        {
            var ipHash = requester.Address is { } address ? hashes.ForAddress(address) : null;
            return new GuardVerdict.Take(null, ipHash, emailDomainHash, LimitsDue: ipHash is not null && rateLimits.Applies(campaign));
        }
        var limit = await submissions.LimitAsync(campaign, "A signature", requester, cancellationToken);
        if (limit.Refusal(signature.Language) is { } overLimit) return new GuardVerdict.Refuse(overLimit);
        return new GuardVerdict.Take(limit.Flag, limit.IpHash, emailDomainHash);
    }

    private async Task<IntakeOutcome.Refused?> CheckCaptchaAsync(
        CaptchaSettings captcha, SignatureSubmission submission, Language language, CancellationToken cancellationToken)
    {
        var field = CaptchaMessages.FieldFor(captcha, submission.IsFormPost);
        if (string.IsNullOrWhiteSpace(submission.CaptchaToken))
            return new IntakeOutcome.Refused(language, ProblemKind.InvalidFields, CaptchaMessages.ErrorOn(field, CaptchaMessages.Missing));
        return await captchas.VerifyAsync(captcha, submission.CaptchaToken.Trim(), cancellationToken) switch
        {
            CaptchaVerdict.Passed => null,
            CaptchaVerdict.Failed => new IntakeOutcome.Refused(language, ProblemKind.InvalidFields, CaptchaMessages.ErrorOn(field, CaptchaMessages.Failed)),
            _ => new IntakeOutcome.Refused(language, ProblemKind.CaptchaUnavailable),
        };
    }
}
