using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>Configuration section "Captcha": the providers' secrets (never in a campaign document) and their verify addresses.</summary>
public sealed class CaptchaOptions
{
    public const string Section = "Captcha";

    public string? TurnstileSecret { get; set; }
    public string? HCaptchaSecret { get; set; }
    public Uri TurnstileVerifyUrl { get; set; } = new("https://challenges.cloudflare.com/turnstile/v0/siteverify");
    public Uri HCaptchaVerifyUrl { get; set; } = new("https://api.hcaptcha.com/siteverify");
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
