using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Submissions;

/// <summary>What a submitter is told about the captcha: the submission kernel's catalogue, English beside Spanish.</summary>
public static class CaptchaMessages
{
    public static readonly LocalizedText Missing = new(
        "Complete the check that you are not a robot.",
        "Complete la verificación de que no es un robot.");

    public static readonly LocalizedText Failed = new(
        "The check that you are not a robot did not pass or has expired. Please try it again.",
        "La verificación de que no es un robot no funcionó o caducó. Inténtelo de nuevo.");

    public static FieldErrors ErrorOn(string field, Func<Language, string> message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>The field a captcha error names: the widget's own form field, or <c>captcha_token</c> in JSON.</summary>
    public static string FieldFor(CaptchaSettings captcha, bool formPost) =>
        !formPost ? CaptchaFields.Json
        : captcha.Provider == CaptchaProvider.Turnstile ? CaptchaFields.Turnstile : CaptchaFields.HCaptcha;
}
