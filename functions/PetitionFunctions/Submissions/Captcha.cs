using System.Text.Json;
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

public enum CaptchaVerdict
{
    Passed,
    Failed,
    /// <summary>The provider could not be asked (down, slow, an odd answer) or its secret is not configured: nobody's fault but ours.</summary>
    Unavailable,
}

/// <summary>
/// Checks a captcha token with its provider's siteverify endpoint (a form post of secret, response and,
/// for hCaptcha, the site key; both answer JSON with <c>success</c>). The client's address is not sent:
/// the provider does not need it to verify, and the less a third party learns about signers the better.
/// </summary>
public sealed class CaptchaVerifier(IHttpClientFactory clients, IOptions<CaptchaOptions> options, ILogger<CaptchaVerifier> log)
{
    public const string HttpClientName = "captcha";
    public const int MaxTokenLength = 4096;

    public async Task<CaptchaVerdict> VerifyAsync(CaptchaSettings settings, string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength) return CaptchaVerdict.Failed;
        var o = options.Value;
        var (secret, url) = settings.Provider == CaptchaProvider.Turnstile
            ? (o.TurnstileSecret, o.TurnstileVerifyUrl)
            : (o.HCaptchaSecret, o.HCaptchaVerifyUrl);
        if (string.IsNullOrWhiteSpace(secret))
        {
            log.LogError("A campaign uses {Provider} but Captcha:{Setting} is not configured; signatures are refused with 503.",
                settings.Provider, settings.Provider == CaptchaProvider.Turnstile ? "TurnstileSecret" : "HCaptchaSecret");
            return CaptchaVerdict.Unavailable;
        }

        var fields = new Dictionary<string, string> { ["secret"] = secret, ["response"] = token };
        if (settings.Provider == CaptchaProvider.Hcaptcha) fields["sitekey"] = settings.SiteKey;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(o.Timeout);
            using var answer = await clients.CreateClient(HttpClientName).PostAsync(url, new FormUrlEncodedContent(fields), timeout.Token);
            if (!answer.IsSuccessStatusCode)
            {
                log.LogWarning("{Provider} siteverify answered {Status}.", settings.Provider, (int)answer.StatusCode);
                return CaptchaVerdict.Unavailable;
            }
            using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(timeout.Token));
            if (!body.RootElement.TryGetProperty("success", out var success) || success.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                return CaptchaVerdict.Unavailable;
            if (success.GetBoolean()) return CaptchaVerdict.Passed;
            log.LogInformation("{Provider} refused a captcha token ({Codes}).", settings.Provider,
                body.RootElement.TryGetProperty("error-codes", out var codes) ? codes.ToString() : "no error codes");
            return CaptchaVerdict.Failed;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            log.LogWarning("{Provider} siteverify could not be reached ({Failure}).", settings.Provider, e.GetType().Name);
            return CaptchaVerdict.Unavailable;
        }
    }
}

/// <summary>Where a captcha token arrives: the widget's own form field, or <c>captcha_token</c> in JSON.</summary>
public static class CaptchaFields
{
    public const string Json = "captcha_token";
    public const string Turnstile = "cf-turnstile-response";
    public const string HCaptcha = "h-captcha-response";
}

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
