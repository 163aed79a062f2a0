using PetitionFunctions.Common;

namespace PetitionFunctions.Access;

/// <summary>The wording of the admin API's field errors, in English and Spanish (the shared ones are in <see cref="FieldMessages"/>).</summary>
public static class AdminMessages
{
    public static string RequiredToOpen(Language l) =>
        l == Language.Es ? "Se necesita antes de abrir la campaña." : "This is needed before the campaign can open.";

    public static string InvalidSlug(Language l) =>
        l == Language.Es
            ? "Use de 1 a 64 letras minúsculas, números y guiones; debe empezar y terminar con una letra o un número."
            : "Use 1 to 64 lower-case letters, digits and hyphens, starting and ending with a letter or digit.";

    public static string SlugMismatch(Language l) =>
        l == Language.Es
            ? "El identificador no puede cambiar: debe ser el de la dirección."
            : "The slug cannot change: it must be the one in the address.";

    public static string KindMismatch(Language l) =>
        l == Language.Es
            ? "El tipo de una campaña no puede cambiar: cree otra campaña."
            : "A campaign's kind cannot change: create another campaign.";

    public static string InvalidKind(Language l) =>
        l == Language.Es ? "Use petition, letter o stories." : "Use petition, letter or stories.";

    public static string InvalidState(Language l) =>
        l == Language.Es ? "Use draft, open o closed." : "Use draft, open or closed.";

    public static string InvalidNewState(Language l) =>
        l == Language.Es ? "Una campaña nueva empieza como draft u open." : "A new campaign starts as draft or open.";

    public static string GoalNotPositive(Language l) =>
        l == Language.Es ? "La meta debe ser un número entero mayor que cero." : "The goal must be a whole number above zero.";

    public static string StretchGoalOrder(Language l) =>
        l == Language.Es
            ? "Cada meta adicional debe ser mayor que la meta y que la meta adicional anterior."
            : "Each stretch goal must be higher than the goal and than the stretch goal before it.";

    public static string TooMany(Language l, int max) =>
        l == Language.Es ? $"Use como máximo {max} elementos." : $"Use at most {max} entries.";

    public static string DeadlineNotFuture(Language l) =>
        l == Language.Es
            ? "La fecha límite debe ser futura para que la campaña esté abierta."
            : "The deadline must be in the future for the campaign to be open.";

    public static string InvalidOrigin(Language l) =>
        l == Language.Es
            ? "Use un origen como https://socio.example: http o https, un dominio, un puerto opcional y ninguna ruta."
            : "Use an origin like https://partner.example: http or https, a host, an optional port and no path.";

    public static string InvalidUrl(Language l) =>
        l == Language.Es
            ? "Use una dirección completa http o https, sin usuario ni fragmento (#)."
            : "Use a full http or https address, with no user name and no fragment (#).";

    public static string ReturnUrlOriginNotAllowed(Language l) =>
        l == Language.Es
            ? "El origen de esta dirección debe estar entre los orígenes permitidos (allowed_origins)."
            : "This address's origin must be one of the allowed origins (allowed_origins).";

    public static string WrongType(Language l) =>
        l == Language.Es ? "Este valor no tiene el tipo correcto." : "This value has the wrong type.";

    public static string UnknownField(Language l) =>
        l == Language.Es ? "Este campo no forma parte de una campaña." : "This field is not part of a campaign.";

    public static string DocumentTooLarge(Language l, int max) =>
        l == Language.Es
            ? $"La campaña ocupa demasiado para guardarse (máximo {max} caracteres en JSON): acorte los textos."
            : $"The campaign is too large to store (at most {max} characters of JSON): shorten its texts.";

    public static string InvalidPage(Language l) =>
        l == Language.Es ? "Use un número entero desde 1." : "Use a whole number from 1.";

    public static string InvalidSignatureState(Language l) =>
        l == Language.Es ? "Use confirmed, unconfirmed o invalidated." : "Use confirmed, unconfirmed or invalidated.";

    public static string InvalidDateTime(Language l) =>
        l == Language.Es
            ? "Use una fecha y hora ISO 8601 con zona horaria, como 2025-01-31T00:00:00Z."
            : "Use an ISO 8601 date and time with its offset, like 2025-01-31T00:00:00Z.";

    public static string OutOfRange(Language l, int min, int max) =>
        l == Language.Es ? $"Use un número entero entre {min} y {max}." : $"Use a whole number from {min} to {max}.";

    public static string UnknownRequestField(Language l) =>
        l == Language.Es ? "Este campo no se acepta aquí." : "This field is not accepted here.";

    public static string InvalidWeekday(Language l) =>
        l == Language.Es ? "Use un día de la semana en inglés: monday … sunday." : "Use a day of the week: monday … sunday.";

    public static string InvalidCaptchaProvider(Language l) =>
        l == Language.Es ? "Use turnstile, hcaptcha o none." : "Use turnstile, hcaptcha or none.";

    public static string InvalidSiteKey(Language l) =>
        l == Language.Es
            ? "Use la clave de sitio pública del proveedor: hasta 200 caracteres ASCII visibles, sin espacios."
            : "Use the provider's public site key: up to 200 visible ASCII characters, no spaces.";

    public static string InvalidIp(Language l) =>
        l == Language.Es ? "Use una dirección IPv4 o IPv6." : "Use an IPv4 or IPv6 address.";

    public static string InvalidDomain(Language l) =>
        l == Language.Es ? "Use un dominio como ejemplo.org, sin @." : "Use a domain like example.org, with no @.";

    public static string InvalidHash(Language l) =>
        l == Language.Es
            ? "Use el hash tal como lo muestra la lista de tendencias: 32 caracteres hexadecimales en minúscula."
            : "Use the hash as the trends list shows it: 32 lower-case hex digits.";

    public static string NotBoth(Language l, string clear, string hash) =>
        l == Language.Es ? $"Use {clear} o {hash}, no ambos." : $"Use {clear} or {hash}, not both.";

    public static string EndNotAfterStart(Language l) =>
        l == Language.Es ? "Debe ser posterior a received_from." : "This must be later than received_from.";

    public static string ConditionRequired(Language l) =>
        l == Language.Es
            ? "Indique al menos una condición: ip, ip_hash, email_domain, email_domain_hash, received_from o received_to."
            : "Give at least one condition: ip, ip_hash, email_domain, email_domain_hash, received_from or received_to.";

    public static string EmailOrPhoneRequired(Language l) =>
        l == Language.Es ? "Escriba un correo electrónico, un número de teléfono o ambos." : "Give an email address, a phone number or both.";

    public static string InvalidPhone(Language l) =>
        l == Language.Es ? "Escriba un número de teléfono válido, como +1 212 555 0100." : "Enter a valid phone number, like +1 212 555 0100.";
}
