using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>Where a captcha token arrives: the widget's own form field, or <c>captcha_token</c> in JSON.</summary>
public static class CaptchaFields
{
    public const string Json = "captcha_token";
    public const string Turnstile = "cf-turnstile-response";
    public const string HCaptcha = "h-captcha-response";
}
