using PetitionFunctions.Common;

namespace PetitionFunctions.Access;

/// <summary>The wording of the admin API's field errors, in English and Spanish (the shared ones are in <see cref="FieldMessages"/>).</summary>
public static class AdminMessages
{
    public static readonly LocalizedText RequiredToOpen = new(
        "This is needed before the campaign can open.",
        "Se necesita antes de abrir la campaña.");

    public static readonly LocalizedText InvalidSlug = new(
        "Use 1 to 64 lower-case letters, digits and hyphens, starting and ending with a letter or digit.",
        "Use de 1 a 64 letras minúsculas, números y guiones; debe empezar y terminar con una letra o un número.");

    public static readonly LocalizedText SlugMismatch = new(
        "The slug cannot change: it must be the one in the address.",
        "El identificador no puede cambiar: debe ser el de la dirección.");

    public static readonly LocalizedText KindMismatch = new(
        "A campaign's kind cannot change: create another campaign.",
        "El tipo de una campaña no puede cambiar: cree otra campaña.");

    public static readonly LocalizedText InvalidKind = new(
        "Use petition, letter or stories.",
        "Use petition, letter o stories.");

    public static readonly LocalizedText InvalidState = new(
        "Use draft, open or closed.",
        "Use draft, open o closed.");

    public static readonly LocalizedText InvalidNewState = new(
        "A new campaign starts as draft or open.",
        "Una campaña nueva empieza como draft u open.");

    public static readonly LocalizedText GoalNotPositive = new(
        "The goal must be a whole number above zero.",
        "La meta debe ser un número entero mayor que cero.");

    public static readonly LocalizedText StretchGoalOrder = new(
        "Each stretch goal must be higher than the goal and than the stretch goal before it.",
        "Cada meta adicional debe ser mayor que la meta y que la meta adicional anterior.");

    public static LocalizedText TooMany(int max) => new(
        $"Use at most {max} entries.",
        $"Use como máximo {max} elementos.");

    public static readonly LocalizedText DeadlineNotFuture = new(
        "The deadline must be in the future for the campaign to be open.",
        "La fecha límite debe ser futura para que la campaña esté abierta.");

    public static readonly LocalizedText InvalidOrigin = new(
        "Use an origin like https://partner.example: http or https, a host, an optional port and no path.",
        "Use un origen como https://socio.example: http o https, un dominio, un puerto opcional y ninguna ruta.");

    public static readonly LocalizedText InvalidUrl = new(
        "Use a full http or https address, with no user name and no fragment (#).",
        "Use una dirección completa http o https, sin usuario ni fragmento (#).");

    public static readonly LocalizedText ReturnUrlOriginNotAllowed = new(
        "This address's origin must be one of the allowed origins (allowed_origins).",
        "El origen de esta dirección debe estar entre los orígenes permitidos (allowed_origins).");

    public static readonly LocalizedText EmailBudgetRange = new(
        "Give a whole number of emails a minute from 0 (no budget) to 100,000.",
        "Indique un número entero de correos por minuto, de 0 (sin límite) a 100.000.");

    public static readonly LocalizedText WrongType = new(
        "This value has the wrong type.",
        "Este valor no tiene el tipo correcto.");

    public static readonly LocalizedText UnknownField = new(
        "This field is not part of a campaign.",
        "Este campo no forma parte de una campaña.");

    public static LocalizedText DocumentTooLarge(int max) => new(
        $"The campaign is too large to store (at most {max} characters of JSON): shorten its texts.",
        $"La campaña ocupa demasiado para guardarse (máximo {max} caracteres en JSON): acorte los textos.");

    public static readonly LocalizedText InvalidPage = new(
        "Use a whole number from 1.",
        "Use un número entero desde 1.");

    public static readonly LocalizedText InvalidSignatureState = new(
        "Use confirmed, unconfirmed or invalidated.",
        "Use confirmed, unconfirmed o invalidated.");

    public static readonly LocalizedText InvalidFilter = new(
        "Use an OSDI filter on modified_date or created_date, like modified_date gt '2026-12-04T18:23:59Z' (gt, ge, lt, le or eq, joined by and).",
        "Use un filtro OSDI sobre modified_date o created_date, como modified_date gt '2026-12-04T18:23:59Z' (gt, ge, lt, le o eq, unidos con and).");

    public static readonly LocalizedText InvalidDateTime = new(
        "Use an ISO 8601 date and time with its offset, like 2025-01-31T00:00:00Z.",
        "Use una fecha y hora ISO 8601 con zona horaria, como 2025-01-31T00:00:00Z.");

    public static LocalizedText OutOfRange(int min, int max) => new(
        $"Use a whole number from {min} to {max}.",
        $"Use un número entero entre {min} y {max}.");

    public static readonly LocalizedText UnknownRequestField = new(
        "This field is not accepted here.",
        "Este campo no se acepta aquí.");

    public static readonly LocalizedText InvalidWeekday = new(
        "Use a day of the week: monday … sunday.",
        "Use un día de la semana en inglés: monday … sunday.");

    public static readonly LocalizedText InvalidCaptchaProvider = new(
        "Use turnstile, hcaptcha or none.",
        "Use turnstile, hcaptcha o none.");

    public static readonly LocalizedText InvalidSiteKey = new(
        "Use the provider's public site key: up to 200 visible ASCII characters, no spaces.",
        "Use la clave de sitio pública del proveedor: hasta 200 caracteres ASCII visibles, sin espacios.");

    public static readonly LocalizedText InvalidIp = new(
        "Use an IPv4 or IPv6 address.",
        "Use una dirección IPv4 o IPv6.");

    public static readonly LocalizedText InvalidDomain = new(
        "Use a domain like example.org, with no @.",
        "Use un dominio como ejemplo.org, sin @.");

    public static readonly LocalizedText InvalidHash = new(
        "Use the hash as the trends list shows it: 32 lower-case hex digits.",
        "Use el hash tal como lo muestra la lista de tendencias: 32 caracteres hexadecimales en minúscula.");

    public static LocalizedText NotBoth(string clear, string hash) => new(
        $"Use {clear} or {hash}, not both.",
        $"Use {clear} o {hash}, no ambos.");

    public static readonly LocalizedText EndNotAfterStart = new(
        "This must be later than received_from.",
        "Debe ser posterior a received_from.");

    public static readonly LocalizedText ConditionRequired = new(
        "Give at least one condition: ip, ip_hash, email_domain, email_domain_hash, received_from or received_to.",
        "Indique al menos una condición: ip, ip_hash, email_domain, email_domain_hash, received_from o received_to.");

    public static readonly LocalizedText EmailOrPhoneRequired = new(
        "Give an email address, a phone number or both.",
        "Escriba un correo electrónico, un número de teléfono o ambos.");

    public static readonly LocalizedText InvalidPhone = new(
        "Enter a valid phone number, like +1 212 555 0100.",
        "Escriba un número de teléfono válido, como +1 212 555 0100.");
}
