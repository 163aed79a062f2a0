using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PetitionFunctions.Campaigns;

namespace PetitionFunctions.Submissions;

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
