using Microsoft.AspNetCore.Mvc;

namespace PetitionFunctions.Common;

/// <summary>
/// RFC 9457 problem+json answers, titled in the requester's language. Field problems carry an
/// <c>errors</c> object with one entry per field.
/// </summary>
public static class Problems
{
    private sealed record Text(int Status, string Slug, LocalizedText Title)
    {
        public Text(int status, string slug, string en, string es) : this(status, slug, new LocalizedText(en, es)) { }

        /// <summary>The detail a problem always carries when its caller gives none: the fix, where there is one.</summary>
        public LocalizedText? Detail { get; init; }
    }

    // RFC 9457: a type has one title; what differs between its occurrences goes in the detail.
    private static readonly LocalizedText ClosedTitle = new("This campaign is closed.", "Esta campaña está cerrada.");
    private static readonly LocalizedText TooLargeTitle = new("The request is too large.", "La solicitud es demasiado grande.");

    private static readonly Dictionary<ProblemKind, Text> Texts = new()
    {
        [ProblemKind.InvalidFields] = new(400, "invalid-fields",
            "Some fields need attention.", "Algunos campos necesitan corrección."),
        [ProblemKind.MalformedBody] = new(400, "malformed-body",
            "The request body could not be read.", "No se pudo leer el contenido de la solicitud."),
        [ProblemKind.CampaignNotFound] = new(404, "campaign-not-found",
            "There is no campaign at this address.", "No hay ninguna campaña en esta dirección."),
        [ProblemKind.AuthenticationRequired] = new(401, "authentication-required",
            "Sign in: this needs a valid Microsoft Entra ID access token.",
            "Inicie sesión: esto requiere un token de acceso válido de Microsoft Entra ID."),
        [ProblemKind.RoleRequired] = new(403, "role-required",
            "Your account does not have the role this needs.",
            "Su cuenta no tiene el rol que esto requiere."),
        [ProblemKind.OriginNotAllowed] = new(403, "origin-not-allowed",
            "This website is not allowed to post to this campaign.",
            "Este sitio web no está autorizado para enviar datos a esta campaña."),
        [ProblemKind.CampaignClosed] = new(409, "campaign-closed", ClosedTitle)
        {
            Detail = new LocalizedText("It no longer takes signatures.", "Ya no recibe firmas."),
        },
        [ProblemKind.BodyTooLarge] = new(413, "body-too-large", TooLargeTitle)
        {
            Detail = new LocalizedText("The request is larger than 16 KB.", "La solicitud supera los 16 KB."),
        },
        [ProblemKind.UnsupportedContentType] = new(415, "unsupported-content-type",
            "Send application/json or application/x-www-form-urlencoded.",
            "Envíe application/json o application/x-www-form-urlencoded."),
        [ProblemKind.JsonWithoutContentType] = new(415, "missing-content-type",
            "The request has no Content-Type header.", "La solicitud no tiene el encabezado Content-Type.")
        {
            Detail = new LocalizedText(
                "The body looks like JSON: send it with the header Content-Type: application/json.",
                "El contenido parece JSON: envíelo con el encabezado Content-Type: application/json."),
        },
        [ProblemKind.StorageUnavailable] = new(503, "temporarily-unavailable",
            "We could not save this right now. Nothing was recorded; please try again in a moment.",
            "No pudimos guardar esto ahora. No se registró nada; inténtelo de nuevo en un momento."),
        [ProblemKind.NotAPetition] = new(404, "not-a-petition",
            "This campaign is not a petition and takes no signatures: a sign-on letter is endorsed (…/endorsements), a story campaign takes stories (…/stories).",
            "Esta campaña no es una petición y no recibe firmas: una carta se respalda (…/endorsements) y una campaña de historias recibe historias (…/stories)."),
        [ProblemKind.NotALetter] = new(404, "not-a-letter",
            "This campaign is not a sign-on letter and takes no endorsements.",
            "Esta campaña no es una carta de adhesión y no recibe respaldos."),
        [ProblemKind.EndorsementNotFound] = new(404, "endorsement-not-found",
            "This letter has no endorsement with this key.", "Esta carta no tiene ningún respaldo con esta clave."),
        [ProblemKind.CampaignExists] = new(409, "campaign-exists",
            "A campaign with this slug already exists.", "Ya existe una campaña con este identificador."),
        [ProblemKind.SignatureNotFound] = new(404, "signature-not-found",
            "This campaign has no signature with this key.", "Esta campaña no tiene ninguna firma con esta clave."),
        [ProblemKind.NothingToResend] = new(409, "nothing-to-resend",
            "Only an unconfirmed signature that has had fewer than five emails can be sent its confirmation again.",
            "Solo se puede reenviar la confirmación de una firma sin confirmar que haya recibido menos de cinco correos."),
        [ProblemKind.DocumentTooLarge] = new(413, "body-too-large", TooLargeTitle)
        {
            Detail = new LocalizedText("The request is larger than 128 KB.", "La solicitud supera los 128 KB."),
        },
        [ProblemKind.NotAStoryCampaign] = new(404, "not-a-story-campaign",
            "This campaign does not collect stories.", "Esta campaña no recibe historias."),
        [ProblemKind.StoriesClosed] = new(409, "campaign-closed", ClosedTitle)
        {
            Detail = new LocalizedText("It no longer takes stories.", "Ya no recibe historias."),
        },
        [ProblemKind.StoryTooLarge] = new(413, "body-too-large", TooLargeTitle)
        {
            Detail = new LocalizedText("The request is larger than 96 KB.", "La solicitud supera los 96 KB."),
        },
        [ProblemKind.StoryNotFound] = new(404, "story-not-found",
            "This campaign has no story with this id.", "Esta campaña no tiene ninguna historia con este identificador."),
        [ProblemKind.RateLimited] = new(429, "rate-limited",
            "Too many submissions from this address for now. Nothing was recorded; try again after the time in Retry-After.",
            "Demasiados envíos desde esta dirección por ahora. No se registró nada; inténtelo de nuevo después del tiempo indicado en Retry-After."),
        [ProblemKind.IntakePaused] = new(503, "intake-paused",
            "This campaign is not taking submissions right now. Nothing was recorded; please try again later.",
            "Esta campaña no está recibiendo envíos en este momento. No se registró nada; inténtelo de nuevo más tarde."),
        [ProblemKind.PartnerKeyRequired] = new(401, "partner-key-required",
            "Send a valid partner key in the OSDI-API-Token header.", "Envíe una clave de socio válida en el encabezado OSDI-API-Token."),
        [ProblemKind.PartnerKeyNotAllowed] = new(403, "partner-key-not-allowed",
            "This partner key does not allow this on this campaign.", "Esta clave de socio no permite esto en esta campaña."),
        [ProblemKind.PartnerKeyNotFound] = new(404, "partner-key-not-found",
            "This campaign has no partner key with this id.", "Esta campaña no tiene ninguna clave de socio con este identificador."),
        [ProblemKind.RouteNotFound] = new(404, "not-found",
            "There is nothing at this address.", "No hay nada en esta dirección.")
        {
            Detail = new LocalizedText("The API's addresses are in /api/openapi.json.", "Las direcciones de la API están en /api/openapi.json."),
        },
        [ProblemKind.MethodNotAllowed] = new(405, "method-not-allowed",
            "This address does not take this method.", "Esta dirección no acepta este método."),
        [ProblemKind.OperationNotFound] = new(404, "operation-not-found",
            "This campaign has no bulk operation with this id.", "Esta campaña no tiene ninguna operación masiva con este identificador."),
        [ProblemKind.CaptchaUnavailable] = new(503, "captcha-unavailable",
            "We could not check that you are not a robot right now. Nothing was recorded; please try again in a moment.",
            "No pudimos verificar ahora que no es un robot. No se registró nada; inténtelo de nuevo en un momento."),
    };

    public const string TypePrefix = "urn:petition-functions:problem:";

    public static int StatusOf(ProblemKind kind) => Texts[kind].Status;

    /// <param name="retryAfter">How long the client should wait; 503s have a default.</param>
    public static IActionResult For(ProblemKind kind, Language language, string? detail = null, TimeSpan? retryAfter = null)
    {
        var text = Texts[kind];
        var problem = new ProblemDetails
        {
            Type = TypePrefix + text.Slug,
            Title = text.Title.In(language),
            Status = text.Status,
            Detail = detail ?? text.Detail?.In(language),
        };
        problem.Extensions["language"] = language.Code();
        var wait = retryAfter is { } given ? (int)Math.Max(1, Math.Ceiling(given.TotalSeconds)) : DefaultRetryAfterSeconds(kind);
        return new ProblemResult(problem, wait);
    }

    /// <summary>A stage's refusal: field by field when it names fields, else the problem alone.</summary>
    public static IActionResult For(IRefusal refusal, Language language) =>
        refusal.Errors is { IsEmpty: false } errors ? Fields(errors, language, refusal.Problem) : For(refusal.Problem, language);

    public static IActionResult Fields(FieldErrors errors, Language language, ProblemKind kind = ProblemKind.InvalidFields)
    {
        var result = (ProblemResult)For(kind, language);
        ((ProblemDetails)result.Value!).Extensions["errors"] = errors.In(language);
        return result;
    }

    /// <summary>
    /// The same refusal as an HTML page in the person's language, for a plain form post (a page without
    /// JavaScript shows the answer as it is): the problem, one line per field, and a link back to the form.
    /// </summary>
    public static IActionResult Page(ProblemKind kind, FieldErrors? errors, Language language, Uri? back)
    {
        var text = Texts[kind];
        var title = text.Title.In(language);
        var body = new System.Text.StringBuilder($"<h1 style=\"font-size:1.5em\">{Html.Encode(title)}</h1>");
        if (text.Detail is { } detail) body.Append(HtmlLayout.Paragraph(detail.In(language)));
        if (errors is { IsEmpty: false })
        {
            body.Append("<ul>");
            foreach (var (field, messages) in errors.In(language))
                body.Append("<li>").Append(Html.Encode(string.Join(" ", messages))).Append(" <small>(").Append(Html.Encode(field)).Append(")</small></li>");
            body.Append("</ul>");
        }
        body.Append(back is null
            ? HtmlLayout.Paragraph(FieldMessages.BackWithBrowser.In(language))
            : $"<p><a href=\"{Html.Encode(back.AbsoluteUri)}\">{Html.Encode(FieldMessages.BackToForm.In(language))}</a></p>");
        return HtmlPages.Page(text.Status, language, title, body.ToString());
    }

    private static int? DefaultRetryAfterSeconds(ProblemKind kind) => kind switch
    {
        ProblemKind.StorageUnavailable or ProblemKind.CaptchaUnavailable => 5,
        // A paused intake is an admin's decision, not a blip: ask clients to come back in minutes, not seconds.
        ProblemKind.IntakePaused => 300,
        _ => null,
    };

    private sealed class ProblemResult : ObjectResult
    {
        private readonly int? _retryAfterSeconds;

        public ProblemResult(ProblemDetails problem, int? retryAfterSeconds) : base(problem)
        {
            StatusCode = problem.Status;
            ContentTypes.Add("application/problem+json");
            _retryAfterSeconds = retryAfterSeconds;
        }

        public override Task ExecuteResultAsync(ActionContext context)
        {
            if (_retryAfterSeconds is { } seconds)
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return base.ExecuteResultAsync(context);
        }
    }
}
