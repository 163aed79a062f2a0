using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static PetitionFunctions.Tests.Support.HostileRequests;

namespace PetitionFunctions.Tests.Support;

/// <summary>
/// The catalogue of hostile requests: for every endpoint that takes input, oversized, malformed, deeply
/// nested, mistyped, duplicated, control and bidi characters, odd encodings, injection where the field
/// must refuse it, path tricks, huge numbers, empty bodies, wrong content types, bad emails, overlong
/// fields. Each has its expected status and, for field problems, the fields named in the answer.
/// </summary>
public static class HostileInputs
{
    private const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    private const HttpStatusCode NotFound = HttpStatusCode.NotFound;
    private const HttpStatusCode TooLarge = HttpStatusCode.RequestEntityTooLarge;
    private const HttpStatusCode Unsupported = HttpStatusCode.UnsupportedMediaType;

    private static readonly Lazy<IReadOnlyList<HostileCase>> Catalogue = new(() =>
    [
        .. SignatureJsonCases(), .. SignatureFormCases(), .. EncodingCases(), .. SizeCases(), .. EndorsementCases(), .. StoryCases(),
        .. AdminCases(), .. LinkCases(), .. PathCases(),
    ]);

    public static IReadOnlyList<HostileCase> All => Catalogue.Value;

    public static HostileCase Named(string name) => All.Single(c => c.Name == name);

    // ---- bodies that pass, to be spoiled one way at a time ----

    private static JsonNode Signature() => JsonNode.Parse("""
        {"person":{"given_name":"Ana","family_name":"Pérez","email_addresses":[{"address":"ana.hostile@example.org"}],
         "postal_addresses":[{"postal_code":"10027","locality":"New York","region":"NY"}],"preferred_language":"en"},
         "comments":"Por mi familia.","referrer_data":{"source":"partner-api"}}
        """)!;

    private static (string, string)[] SignatureForm(params (string Name, string Value)[] changes)
    {
        var fields = new List<(string Name, string Value)>
        {
            ("given_name", "Luis"), ("family_name", "Gómez"), ("email", "luis.hostile@example.org"), ("postal_code", "11201"),
            ("language", "es"), ("source", "partner-cuav"), ("return_url", "https://partner.example/thank-you"),
        };
        foreach (var change in changes)
        {
            fields.RemoveAll(f => f.Name == change.Name);
            if (change.Value is not null) fields.Add(change);
        }
        return [.. fields];
    }

    private static JsonNode Organization() => JsonNode.Parse("""
        {"organization":{"name":"Hostile Test Alliance","website":"https://alliance.example","scope":"state","region":"NY"},
         "signer":{"name":"Marta Ruiz","title":"Director","email":"marta@alliance.example"},"list_publicly":true}
        """)!;

    private static JsonNode Story() => JsonNode.Parse("""
        {"story":"They stopped me on my way to work.","language":"en","consent":"internal"}
        """)!;

    private static JsonNode NewCampaign() => JsonNode.Parse("""
        {"slug":"hostile-new-campaign","kind":"petition","title":{"en":"A title","es":"Un título"},
         "description":{"en":"Text","es":"Texto"},"call_to_action":{"en":"Sign","es":"Firme"},
         "target":{"name":"Governor","title":"Governor of New York","delivery_email":"office@example.gov"},"goal":100}
        """)!;

    // ---- endpoints ----

    private static Uri Signatures(HostileTargets t) => Path(t, $"campaigns/{t.Petition}/signatures");
    private static Uri Endorsements(HostileTargets t) => Path(t, $"campaigns/{t.Letter}/endorsements");
    private static Uri Stories(HostileTargets t) => Path(t, $"campaigns/{t.Stories}/stories");

    private static HostileCase Sig(string name, Func<JsonNode, JsonNode> spoil, params string[] fields) =>
        new($"signature JSON: {name}", t => Send(HttpMethod.Post, Signatures(t), spoil(Signature()).ToJsonString()), Bad, fields);

    private static HostileCase SigText(string name, string json, params string[] fields) =>
        new($"signature JSON: {name}", t => Send(HttpMethod.Post, Signatures(t), json), Bad, fields);

    private static HostileCase SigForm(string name, string body, params string[] fields) =>
        new($"signature form: {name}", t => Send(HttpMethod.Post, Signatures(t), body, FormType), Bad, fields);

    private static HostileCase SigFormField(string name, string field, string value, params string[] fields) =>
        SigForm(name, Form(SignatureForm((field, value))), fields.Length > 0 ? fields : [field]);

    private static HostileCase Endorse(string name, Func<JsonNode, JsonNode> spoil, params string[] fields) =>
        new($"endorsement JSON: {name}", t => Send(HttpMethod.Post, Endorsements(t), spoil(Organization()).ToJsonString()), Bad, fields);

    private static HostileCase EndorseText(string name, string json, params string[] fields) =>
        new($"endorsement JSON: {name}", t => Send(HttpMethod.Post, Endorsements(t), json), Bad, fields);

    private static HostileCase Tell(string name, Func<JsonNode, JsonNode> spoil, params string[] fields) =>
        new($"story JSON: {name}", t => Send(HttpMethod.Post, Stories(t), spoil(Story()).ToJsonString()), Bad, fields);

    private static HostileCase TellText(string name, string json, params string[] fields) =>
        new($"story JSON: {name}", t => Send(HttpMethod.Post, Stories(t), json), Bad, fields);

    private static HostileCase TellForm(string name, string body, params string[] fields) =>
        new($"story form: {name}", t => Send(HttpMethod.Post, Stories(t), body, FormType), Bad, fields);

    private static string Repeat(string text, int times) => string.Concat(Enumerable.Repeat(text, times));

    private const string Email = "person.email_addresses[0].address";
    private const string Given = "person.given_name";
    private const string Family = "person.family_name";
    private const string Postal = "person.postal_addresses[0].postal_code";
    private static readonly string[] RequiredSignatureFields = [Given, Family, Email, Postal];

    private static IEnumerable<HostileCase> SignatureJsonCases()
    {
        // Malformed JSON: the body, not a field, is what is wrong.
        yield return SigText("truncated object", """{"person": {"given_name": "Ana" """, "body");
        yield return SigText("trailing comma", """{"comments": "x",}""", "body");
        yield return SigText("single-quoted strings", "{'person': {'given_name': 'Ana'}}", "body");
        yield return SigText("unquoted property names", "{person: {given_name: \"Ana\"}}", "body");
        yield return SigText("a comment in the JSON", """{/* hi */ "comments": "x"}""", "body");
        yield return SigText("NaN literal", """{"comments": NaN}""", "body");
        yield return SigText("two objects back to back", """{"comments":"a"}{"comments":"b"}""", "body");
        yield return SigText("trailing garbage after the object", Signature().ToJsonString() + " garbage", "body");
        yield return SigText("unterminated string", """{"comments": "never ends}""", "body");
        yield return SigText("invalid escape sequence", """{"comments": "\q"}""", "body");
        yield return SigText("raw newline inside a string", "{\"comments\": \"line\nbreak\"}", "body");
        yield return SigText("raw NUL byte inside a string", "{\"comments\": \"a\0b\"}", "body");
        yield return SigText("hex number", """{"comments": 0x10}""", "body");
        yield return SigText("leading zero number", """{"comments": 0123}""", "body");
        yield return SigText("JSON null", "null", "body");
        yield return SigText("JSON string", "\"ana@example.org\"", "body");
        yield return SigText("JSON number", "42", "body");
        yield return SigText("JSON true", "true", "body");
        yield return SigText("JSON array of signatures", "[" + Signature().ToJsonString() + "]", "body");
        yield return SigText("empty body", "", "body");
        yield return SigText("only white space", "   \r\n\t  ", "body");

        // Deep nesting: refused by the parser's depth limit, whatever the depth.
        yield return SigText("nested 17 objects deep", Repeat("{\"a\":", 17) + "1" + Repeat("}", 17), "body");
        yield return SigText("nested 1,000 arrays deep", Repeat("[", 1000) + Repeat("]", 1000), "body");
        yield return SigText("nested 7,000 arrays deep", Repeat("[", 7000) + Repeat("]", 7000), "body");
        yield return SigText("nested 5,000 objects deep, unclosed", Repeat("{\"a\":", 3000), "body");
        yield return Sig("person nested 20 deep inside comments", j => j.Set("comments", JsonNode.Parse(Repeat("{\"x\":", 20) + "1" + Repeat("}", 20))), "body");

        // Duplicate keys: which value was meant is unknown.
        yield return SigText("duplicate person object",
            """{"person":{"given_name":"Ana","family_name":"P","email_addresses":[{"address":"a@example.org"}],"postal_addresses":[{"postal_code":"10027"}]},"person":{"given_name":"Eve"}}""", "body");
        yield return SigText("duplicate given_name",
            """{"person":{"given_name":"Ana","given_name":"Eve","family_name":"P","email_addresses":[{"address":"a@example.org"}],"postal_addresses":[{"postal_code":"10027"}]}}""", "body");
        yield return SigText("duplicate email address key",
            """{"person":{"given_name":"Ana","family_name":"P","email_addresses":[{"address":"a@example.org","address":"b@example.org"}],"postal_addresses":[{"postal_code":"10027"}]}}""", "body");
        yield return SigText("duplicate key differing only by escape",
            """{"comments":"a","comm\u0065nts":"b","person":{}}""", "body");

        // Wrong types, one entry per field.
        yield return Sig("person is a string", j => j.Set("person", "Ana Pérez"), ["person", .. RequiredSignatureFields]);
        yield return Sig("person is an array", j => j.Set("person", new JsonArray(1, 2)), ["person", .. RequiredSignatureFields]);
        yield return Sig("given_name is a number", j => j.Set("person.given_name", 5), Given);
        yield return Sig("given_name is an array", j => j.Set("person.given_name", new JsonArray("Ana", "Eve")), Given);
        yield return Sig("given_name is an object", j => j.Set("person.given_name", new JsonObject { ["first"] = "Ana" }), Given);
        yield return Sig("family_name is true", j => j.Set("person.family_name", true), Family);
        yield return Sig("email_addresses is a string", j => j.Set("person.email_addresses", "ana@example.org"), "person.email_addresses", Email);
        yield return Sig("email_addresses is an object", j => j.Set("person.email_addresses", new JsonObject { ["address"] = "a@example.org" }), "person.email_addresses", Email);
        yield return Sig("email_addresses holds bare strings", j => j.Set("person.email_addresses", new JsonArray("ana@example.org")), Email);
        yield return Sig("email_addresses is empty", j => j.Set("person.email_addresses", new JsonArray()), Email);
        yield return Sig("email address is a number", j => j.Set("person.email_addresses.0.address", 12345), Email);
        yield return Sig("postal_code is a number", j => j.Set("person.postal_addresses.0.postal_code", 10027), Postal);
        yield return Sig("locality is an array", j => j.Set("person.postal_addresses.0.locality", new JsonArray()), "person.postal_addresses[0].locality");
        yield return Sig("comments is an object", j => j.Set("comments", new JsonObject()), "comments");
        yield return Sig("comments is false", j => j.Set("comments", false), "comments");
        yield return Sig("preferred_language is a number", j => j.Set("person.preferred_language", 1), "person.preferred_language");
        yield return Sig("referrer_data is a string", j => j.Set("referrer_data", "partner"), "referrer_data");

        // Huge numbers where text belongs.
        yield return Sig("given_name is 1e400", j => j.Set("person.given_name", JsonNode.Parse("1e400")), Given);
        yield return Sig("postal_code is a 5,000-digit number", j => j.Set("person.postal_addresses.0.postal_code", JsonNode.Parse(new string('9', 5000))), Postal);
        yield return Sig("comments is -0.0000001e-999999", j => j.Set("comments", JsonNode.Parse("-0.0000001e-999999")), "comments");

        // Control characters and NUL (escaped in valid JSON), in the middle of the text so trimming cannot hide them.
        yield return Sig("NUL in given_name", j => j.Set("person.given_name", "An\0a"), Given);
        yield return Sig("SOH in family_name", j => j.Set("person.family_name", "Pé\u0001rez"), Family);
        yield return Sig("escape sequence in given_name", j => j.Set("person.given_name", "\u001b[31mAna\u001b[0m"), Given);
        yield return Sig("DEL in family_name", j => j.Set("person.family_name", "Pe\u007frez"), Family);
        yield return Sig("C1 control CSI in family_name", j => j.Set("person.family_name", "Pe\u009brez"), Family);
        yield return Sig("line feed in given_name", j => j.Set("person.given_name", "Ana\nMaría"), Given);
        yield return Sig("tab in locality", j => j.Set("person.postal_addresses.0.locality", "New\tYork"), "person.postal_addresses[0].locality");
        yield return Sig("carriage return in region", j => j.Set("person.postal_addresses.0.region", "N\rY"), "person.postal_addresses[0].region");
        yield return Sig("NUL in comments", j => j.Set("comments", "My family\0 matters"), "comments");
        yield return Sig("bell in comments", j => j.Set("comments", "ring\u0007ring"), "comments");
        yield return Sig("NUL in email", j => j.Set("person.email_addresses.0.address", "ana\0@example.org"), Email);
        yield return Sig("NUL in postal code", j => j.Set("person.postal_addresses.0.postal_code", "100\u000027"), Postal);
        yield return Sig("unpaired high surrogate in given_name", j => j, "body") with
        {
            Build = t => Send(HttpMethod.Post, Signatures(t), Signature().ToJsonString().Replace("\"Ana\"", "\"An\\ud800a\"")),
        };
        yield return Sig("unpaired low surrogate in comments", j => j, "body") with
        {
            Build = t => Send(HttpMethod.Post, Signatures(t), Signature().ToJsonString().Replace("\"comments\":\"", "\"comments\":\"\\udc00")),
        };

        // Bidi controls: refused in every text field (see decisions: they can make a name read backwards).
        yield return Sig("right-to-left override in given_name", j => j.Set("person.given_name", "Ana\u202Eflow.exe"), Given);
        yield return Sig("left-to-right override in family_name", j => j.Set("person.family_name", "P\u202Dérez"), Family);
        yield return Sig("right-to-left embedding in locality", j => j.Set("person.postal_addresses.0.locality", "\u202BNew York\u202C"), "person.postal_addresses[0].locality");
        yield return Sig("first-strong isolate in region", j => j.Set("person.postal_addresses.0.region", "N\u2068Y\u2069"), "person.postal_addresses[0].region");
        yield return Sig("right-to-left isolate in comments", j => j.Set("comments", "Por mi \u2067familia\u2069."), "comments");
        yield return Sig("pop directional formatting alone in comments", j => j.Set("comments", "end\u202C"), "comments");
        yield return Sig("right-to-left override inside the email", j => j.Set("person.email_addresses.0.address", "ana\u202E@example.org"), Email);
        yield return Sig("byte-order mark inside given_name", j => j.Set("person.given_name", "An\uFEFFa"), Given);

        // Bad email forms.
        foreach (var (label, address) in new[]
                 {
                     ("double @", "ana@@example.org"), ("no @", "ana.example.org"), ("nothing before @", "@example.org"),
                     ("nothing after @", "ana@"), ("no dot in domain", "ana@example"), ("one-letter top-level domain", "ana@example.c"),
                     ("domain label starting with -", "ana@-example.org"), ("empty domain label", "ana@example..org"),
                     ("numeric top-level domain", "ana@10.0.0.1"), ("IP literal", "ana@[127.0.0.1]"), ("display name", "Ana <ana@example.org>"),
                     ("space inside", "ana maria@example.org"), ("header injection", "ana@example.org\r\nBcc: all@example.org"),
                     ("underscore in domain", "ana@exam_ple.org"), ("local part of 65 characters", new string('a', 65) + "@example.org"),
                     ("255 characters", new string('a', 60) + "@" + string.Join(".", Enumerable.Repeat(new string('b', 60), 3)) + ".example.org"),
                     ("percent-encoded @", "ana%40example.org"), ("script tag", "<script>alert(1)</script>@example.org"),
                     ("comma-separated list", "ana@example.org,eve@example.org"), ("semicolon list", "ana@example.org;eve@example.org"),
                 })
            yield return Sig($"email with {label}", j => j.Set("person.email_addresses.0.address", address), Email);

        // Overlong fields.
        yield return Sig("given_name of 101 characters", j => j.Set("person.given_name", new string('a', 101)), Given);
        yield return Sig("family_name of 101 combining-mark pairs", j => j.Set("person.family_name", Repeat("e\u0301", 101)), Family);
        yield return Sig("given_name of one letter and 300 combining marks", j => j.Set("person.given_name", "Z" + Repeat("\u0336", 300)), Given);
        yield return Sig("locality of 101 characters", j => j.Set("person.postal_addresses.0.locality", new string('l', 101)), "person.postal_addresses[0].locality");
        yield return Sig("region of 101 characters", j => j.Set("person.postal_addresses.0.region", new string('r', 101)), "person.postal_addresses[0].region");
        yield return Sig("comments of 2,001 characters", j => j.Set("comments", new string('c', 2001)), "comments");
        yield return Sig("postal code of 13 characters", j => j.Set("person.postal_addresses.0.postal_code", "1234567890123"), Postal);

        // Values a field must refuse outright.
        yield return Sig("postal code with a script tag", j => j.Set("person.postal_addresses.0.postal_code", "<script>"), Postal);
        yield return Sig("postal code with an SQL quote", j => j.Set("person.postal_addresses.0.postal_code", "1' OR '1'='1"), Postal);
        yield return Sig("required fields removed", j => j.Remove("person"), RequiredSignatureFields);
        yield return Sig("white space for every required field", j => j
            .Set("person.given_name", "   ").Set("person.family_name", "\u2003").Set("person.email_addresses.0.address", " ")
            .Set("person.postal_addresses.0.postal_code", "\t"), RequiredSignatureFields);
    }

    private static IEnumerable<HostileCase> SignatureFormCases()
    {
        yield return SigForm("empty body", "", "given_name", "family_name", "email", "postal_code");
        yield return SigForm("JSON sent as a form", Signature().ToJsonString(), "given_name", "family_name", "email", "postal_code");
        yield return SigForm("email sent twice", Form(SignatureForm()) + "&email=eve%40example.org", "email");
        yield return SigForm("given_name sent twice, once empty", Form(SignatureForm()) + "&given_name=", "given_name");
        yield return SigForm("every field sent twice", Form(SignatureForm()) + "&" + Form(SignatureForm()),
            "given_name", "family_name", "email", "postal_code", "language", "source", "return_url");
        yield return SigForm("email sent 500 times", Form(SignatureForm()) + Repeat("&email=a%40example.org", 500), "email");
        yield return SigForm("array-style field names", Form(SignatureForm(("email", null!))) + "&email[]=a%40example.org&email[]=b%40example.org", "email");
        yield return SigFormField("NUL in given_name", "given_name", "An\0a");
        yield return SigFormField("vertical tab in family_name", "family_name", "Gó\vmez");
        yield return SigFormField("NUL in comments", "comments", "por\0favor");
        yield return SigFormField("right-to-left override in family_name", "family_name", "Gómez\u202Egpj.exe");
        yield return SigFormField("left-to-right isolate in comments", "comments", "x\u2066y");
        yield return SigFormField("CRLF header injection in email", "email", "luis@example.org\r\nBcc: all@example.org");
        yield return SigFormField("display name in email", "email", "Luis <luis@example.org>");
        yield return SigFormField("given_name of 101 characters", "given_name", new string('g', 101));
        yield return SigFormField("comments of 2,001 characters", "comments", new string('c', 2001));
        yield return SigFormField("postal code of letters and symbols", "postal_code", "#$%^");
        yield return SigFormField("return URL to another site", "return_url", "https://evil.example/thank-you");
        yield return SigFormField("return URL with javascript:", "return_url", "javascript:alert(document.cookie)");
        yield return SigFormField("return URL with data:", "return_url", "data:text/html,<script>alert(1)</script>");
        yield return SigFormField("protocol-relative return URL", "return_url", "//evil.example/thank-you");
        yield return SigFormField("return URL with user info", "return_url", "https://partner.example@evil.example/thank-you");
        yield return SigFormField("return URL on a look-alike host", "return_url", "https://partner.example.evil.example/thank-you");
        yield return SigFormField("return URL downgraded to http", "return_url", "http://partner.example/thank-you");
        yield return SigFormField("return URL escaping its path", "return_url", "https://partner.example/thank-you/../../evil");
        yield return SigFormField("return URL with encoded CRLF", "return_url", "https://partner.example/thank-you%0d%0aSet-Cookie:%20x=1");
        yield return SigFormField("return URL with backslashes", "return_url", "https:\\\\evil.example\\thank-you");
        yield return SigForm("invalid percent-encoding everywhere", "given_name=%&family_name=%zz&email=%E0%A4%A&postal_code=%",
            "given_name", "email", "postal_code");
    }

    private static IEnumerable<HostileCase> EncodingCases()
    {
        var valid = Utf8(Signature().ToJsonString());
        HostileCase Bytes(string name, byte[] body, string contentType, HttpStatusCode status, params string[] fields) =>
            new($"signature encoding: {name}", t => Post(Signatures(t), body, contentType), status, fields.Length > 0 ? fields : null);

        // Not UTF-8: refused as unreadable before any field is looked at.
        yield return Bytes("invalid UTF-8 byte 0xFF", Concat(Utf8("{\"comments\":\""), [0xFF], Utf8("\"}")), Json, Bad);
        yield return Bytes("overlong encoding of '/'", Concat(Utf8("{\"comments\":\""), [0xC0, 0xAF], Utf8("\"}")), Json, Bad);
        yield return Bytes("overlong three-byte encoding of '.'", Concat(Utf8("{\"comments\":\""), [0xE0, 0x80, 0xAE], Utf8("\"}")), Json, Bad);
        yield return Bytes("overlong encoding of NUL", Concat(Utf8("{\"comments\":\""), [0xC0, 0x80], Utf8("\"}")), Json, Bad);
        yield return Bytes("UTF-8-encoded surrogate (CESU-8)", Concat(Utf8("{\"comments\":\""), [0xED, 0xA0, 0x80], Utf8("\"}")), Json, Bad);
        yield return Bytes("code point above U+10FFFF", Concat(Utf8("{\"comments\":\""), [0xF4, 0x90, 0x80, 0x80], Utf8("\"}")), Json, Bad);
        yield return Bytes("truncated multi-byte sequence at the end", Concat(valid, [0xC3]), Json, Bad);
        yield return Bytes("Latin-1 bytes declared as UTF-8", Encoding.Latin1.GetBytes(Signature().ToJsonString().Replace("Pérez", "Pérez")), Json, Bad) with
        {
            Build = t => Post(Signatures(t), Encoding.Latin1.GetBytes("{\"person\":{\"given_name\":\"Jos\u00e9\"}}"), Json),
        };
        yield return Bytes("UTF-16LE with a byte-order mark, no charset", Concat([0xFF, 0xFE], Encoding.Unicode.GetBytes(Signature().ToJsonString())), Json, Bad);
        yield return Bytes("UTF-16BE with a byte-order mark, no charset", Concat([0xFE, 0xFF], Encoding.BigEndianUnicode.GetBytes(Signature().ToJsonString())), Json, Bad);
        yield return Bytes("invalid UTF-8 in a form", Concat(Utf8("given_name="), [0xFF, 0xFE], Utf8("&family_name=G")), FormType, Bad);

        // A charset the endpoints do not take.
        yield return Bytes("UTF-16 declared as such", Encoding.Unicode.GetBytes(Signature().ToJsonString()), "application/json; charset=utf-16", Unsupported);
        yield return Bytes("UTF-32 declared as such", Encoding.UTF32.GetBytes(Signature().ToJsonString()), "application/json; charset=utf-32", Unsupported);
        yield return Bytes("ISO-8859-1 JSON", Encoding.Latin1.GetBytes("{}"), "application/json; charset=iso-8859-1", Unsupported);
        yield return Bytes("windows-1252 form", Encoding.Latin1.GetBytes("given_name=Jos\u00e9"), "application/x-www-form-urlencoded; charset=windows-1252", Unsupported);
        yield return Bytes("Shift_JIS form", Utf8("given_name=x"), "application/x-www-form-urlencoded; charset=Shift_JIS", Unsupported);
        yield return Bytes("UTF-7, a charset that smuggles markup", Utf8("{\"comments\":\"+ADw-script+AD4-\"}"), "application/json; charset=utf-7", Unsupported);

        // Byte-order marks: one is tolerated (and means nothing), so these fail on what follows.
        yield return Bytes("UTF-8 byte-order mark before malformed JSON", Concat([0xEF, 0xBB, 0xBF], Utf8("{\"person\":")), Json, Bad, "body");
        yield return Bytes("UTF-8 byte-order mark before an empty object", Concat([0xEF, 0xBB, 0xBF], Utf8("{}")), Json, Bad, RequiredSignatureFields);
        yield return Bytes("byte-order mark in the middle of the JSON", Concat(Utf8("{\"person\":"), [0xEF, 0xBB, 0xBF], Utf8("{}}")), Json, Bad, "body");

        // Content types.
        foreach (var type in new[]
                 {
                     "text/plain", "text/html", "application/xml", "text/xml", "application/octet-stream", "application/javascript",
                     "application/json-patch+json", "application/problem+json", "application/jsonp", "*/*", "application/*",
                     "application/x-www-form-urlencodedx",
                 })
            yield return Bytes($"content type {type}", valid, type, Unsupported);
        yield return new("signature encoding: no content type", t => Post(Signatures(t), valid, null), Unsupported);
        yield return new("signature encoding: malformed content type header", t => Raw(HttpMethod.Post, Signatures(t), valid, ";;;/json"), Unsupported);
        yield return new("signature encoding: multipart form", t => new HttpRequestMessage(HttpMethod.Post, Signatures(t))
        {
            Content = new MultipartFormDataContent { { new StringContent("Ana"), "given_name" }, { new StringContent("a@example.org"), "email" } },
        }, Unsupported);
    }

    private static IEnumerable<HostileCase> SizeCases()
    {
        var bigComment = Signature().Set("comments", new string('c', 17_000)).ToJsonString();
        yield return new("size: signature JSON over 16 KB", t => Send(HttpMethod.Post, Signatures(t), bigComment), TooLarge, ProblemType: "body-too-large");
        yield return new("size: signature form over 16 KB", t => Send(HttpMethod.Post, Signatures(t), Form(SignatureForm(("comments", new string('c', 17_000)))), FormType), TooLarge);
        yield return new("size: signature JSON over 16 KB, chunked without Content-Length",
            t => Chunked(HttpMethod.Post, Signatures(t), Utf8(bigComment), Json), TooLarge);
        yield return new("size: 1 MB of JSON white space, chunked", t => Chunked(HttpMethod.Post, Signatures(t), Utf8(new string(' ', 1 << 20)), Json), TooLarge);
        yield return new("size: signature body one byte over 16 KB", t => Send(HttpMethod.Post, Signatures(t), "{}" + new string(' ', 16 * 1024 - 1)), TooLarge);
        yield return new("size: signature body of exactly 16 KB reaches the field checks",
            t => Send(HttpMethod.Post, Signatures(t), "{}" + new string(' ', 16 * 1024 - 2)), Bad, [.. RequiredSignatureFields]);
        yield return new("size: malformed JSON over 16 KB is refused for its size first",
            t => Send(HttpMethod.Post, Signatures(t), "{" + new string('x', 20_000)), TooLarge);
        yield return new("size: wrong content type and too large is 415 first",
            t => Send(HttpMethod.Post, Signatures(t), new string('x', 20_000), "text/plain"), Unsupported);
        yield return new("size: 17 KB to an unknown campaign is 413 before the lookup",
            t => Send(HttpMethod.Post, Path(t, "campaigns/no-such-campaign/signatures"), bigComment), TooLarge);
        yield return new("size: endorsement over 16 KB", t => Send(HttpMethod.Post, Endorsements(t), Organization().Set("organization.name", new string('n', 17_000)).ToJsonString()), TooLarge);
        yield return new("size: endorsement over 16 KB, chunked", t => Chunked(HttpMethod.Post, Endorsements(t), Utf8(Organization().Set("organization.name", new string('n', 17_000)).ToJsonString()), Json), TooLarge);
        yield return new("size: story over 96 KB", t => Send(HttpMethod.Post, Stories(t), Story().Set("story", new string('s', 100_000)).ToJsonString()), TooLarge);
        yield return new("size: story form over 96 KB", t => Send(HttpMethod.Post, Stories(t), Form(("story", new string('é', 20_000)), ("consent", "internal")), FormType), TooLarge);
        yield return new("size: story over 96 KB, chunked", t => Chunked(HttpMethod.Post, Stories(t), Utf8(Story().Set("story", new string('s', 100_000)).ToJsonString()), Json), TooLarge);
        yield return new("size: admin campaign over 128 KB", t => Send(HttpMethod.Post, Path(t, "manage/campaigns"), NewCampaign().Set("description.en", new string('d', 140_000)).ToJsonString()).AsAdmin(t), TooLarge);
        yield return new("size: admin campaign over 128 KB, chunked", t => Chunked(HttpMethod.Post, Path(t, "manage/campaigns"), Utf8(NewCampaign().Set("description.en", new string('d', 140_000)).ToJsonString()), Json).AsAdmin(t), TooLarge);
        yield return new("size: story redaction over 128 KB", t => Send(HttpMethod.Put, Path(t, $"manage/campaigns/{t.Stories}/stories/{t.StoryId}/redaction"), "{\"en\":\"" + new string('r', 140_000) + "\"}").AsAdmin(t), TooLarge);
        yield return new("size: endorsement moderation over 16 KB", t => Send(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Letter}/endorsements/moderation"), "{\"state\":\"approved\",\"keys\":[\"" + new string('k', 17_000) + "\"]}").AsAdmin(t), TooLarge);
        yield return new("size: delivery request over 16 KB", t => Send(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Petition}/deliveries"), "{\"milestone\":\"" + new string('m', 17_000) + "\"}").AsAdmin(t), TooLarge);
        yield return new("size: delivery request over 16 KB, chunked", t => Chunked(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Petition}/deliveries"), Utf8("{\"milestone\":\"" + new string('m', 17_000) + "\"}"), Json).AsAdmin(t), TooLarge);
    }

    private static IEnumerable<HostileCase> EndorsementCases()
    {
        yield return EndorseText("malformed JSON", "{\"organization\":", "body");
        yield return EndorseText("JSON array", "[]", "body");
        yield return EndorseText("empty body", "", "body");
        yield return EndorseText("nested 100 deep", Repeat("[", 100) + Repeat("]", 100), "body");
        yield return EndorseText("duplicate list_publicly",
            """{"organization":{"name":"A","website":"https://a.example","scope":"national"},"signer":{"name":"B","title":"C","email":"b@a.example"},"list_publicly":false,"list_publicly":true}""", "body");
        yield return Endorse("organization is a string", j => j.Set("organization", "Alliance"), "organization", "organization.name", "organization.website", "organization.scope");
        yield return Endorse("list_publicly is the string yes", j => j.Set("list_publicly", "yes"), "list_publicly");
        yield return Endorse("list_publicly is 1", j => j.Set("list_publicly", 1), "list_publicly");
        yield return Endorse("list_publicly missing", j => j.Remove("list_publicly"), "list_publicly");
        yield return Endorse("signer is an array", j => j.Set("signer", new JsonArray()), "signer", "signer.name", "signer.title", "signer.email");
        yield return Endorse("scope outside the list", j => j.Set("organization.scope", "galactic"), "organization.scope");
        yield return Endorse("local scope without locality", j => j.Set("organization.scope", "local"), "organization.locality");
        yield return Endorse("website with javascript:", j => j.Set("organization.website", "javascript:alert(1)"), "organization.website");
        yield return Endorse("website with a file: URL", j => j.Set("organization.website", "file:///etc/passwd"), "organization.website");
        yield return Endorse("logo over plain http", j => j.Set("organization.logo_url", "http://alliance.example/logo.png"), "organization.logo_url");
        yield return Endorse("logo as a data: URL", j => j.Set("organization.logo_url", "data:image/svg+xml,<svg onload=alert(1)>"), "organization.logo_url");
        yield return Endorse("website of 501 characters", j => j.Set("organization.website", "https://alliance.example/" + new string('p', 480)), "organization.website");
        yield return Endorse("NUL in the organisation's name", j => j.Set("organization.name", "Alli\0ance"), "organization.name");
        yield return Endorse("right-to-left override in the organisation's name", j => j.Set("organization.name", "Alliance \u202Eecnailla"), "organization.name");
        yield return Endorse("escape sequence in the signer's title", j => j.Set("signer.title", "Dir\u001b[2Jector"), "signer.title");
        yield return Endorse("website with a right-to-left override", j => j.Set("organization.website", "https://alliance.example/\u202Egnp.exe"), "organization.website");
        yield return Endorse("bad signer email", j => j.Set("signer.email", "marta@alliance"), "signer.email");
        yield return Endorse("phone that is words", j => j.Set("signer.phone", "call me maybe"), "signer.phone");
        yield return Endorse("type that is not known", j => j.Set("type", "robot"), "type");
        yield return Endorse("an individual where the letter takes none", _ => JsonNode.Parse("""
            {"type":"individual","person":{"name":"Rev. Ana","title":"Pastor","affiliation":"Church","locality":"Queens","email":"ana@church.example"},"list_publicly":true}
            """)!, "type");
        yield return Endorse("organisation name of 201 characters", j => j.Set("organization.name", new string('o', 201)), "organization.name");
        yield return new("endorsement form: list_publicly twice", t => Send(HttpMethod.Post, Endorsements(t),
            Form(("organization_name", "A"), ("website", "https://a.example"), ("scope", "national"), ("signer_name", "B"), ("signer_title", "C"),
                ("signer_email", "b@a.example"), ("list_publicly", "on"), ("list_publicly", "off")), FormType), Bad, ["list_publicly"]);
        yield return new("endorsement form: list_publicly neither yes nor no", t => Send(HttpMethod.Post, Endorsements(t),
            Form(("organization_name", "A"), ("website", "https://a.example"), ("scope", "national"), ("signer_name", "B"), ("signer_title", "C"),
                ("signer_email", "b@a.example"), ("list_publicly", "perhaps")), FormType), Bad, ["list_publicly"]);
        yield return new("endorsement: content type text/plain", t => Send(HttpMethod.Post, Endorsements(t), Organization().ToJsonString(), "text/plain"), Unsupported);
        yield return new("endorsement: invalid UTF-8", t => Post(Endorsements(t), Concat(Utf8("{\"organization\":{\"name\":\""), [0xC0, 0xAF], Utf8("\"}}")), Json), Bad);
        yield return new("endorsement: to a petition", t => Send(HttpMethod.Post, Path(t, $"campaigns/{t.Petition}/endorsements"), Organization().ToJsonString()), NotFound, ProblemType: "not-a-letter");
    }

    private static IEnumerable<HostileCase> StoryCases()
    {
        yield return TellText("malformed JSON", "{\"story\": \"unfinished", "body");
        yield return TellText("JSON string", "\"my story\"", "body");
        yield return TellText("empty body", "", "body");
        yield return TellText("nested 50 deep", "{\"story\":" + Repeat("[", 50) + Repeat("]", 50) + "}", "body");
        yield return TellText("duplicate story key", """{"story":"one","story":"two","consent":"internal"}""", "body");
        yield return TellText("duplicate consent key", """{"story":"one","consent":"internal","consent":"publish_with_name"}""", "body");
        yield return Tell("story is a number", j => j.Set("story", 42), "story");
        yield return Tell("story is an array of lines", j => j.Set("story", new JsonArray("a", "b")), "story");
        yield return Tell("consent is an array", j => j.Set("consent", new JsonArray("internal")), "consent");
        yield return Tell("may_contact is the string true", j => j.Set("may_contact", "true"), "may_contact");
        yield return Tell("send_confirmation is 1", j => j.Set("send_confirmation", 1), "send_confirmation");
        yield return Tell("consent outside the list", j => j.Set("consent", "everything"), "consent");
        yield return Tell("consent missing", j => j.Remove("consent"), "consent");
        yield return Tell("language not offered", j => j.Set("language", "fr"), "language");
        yield return Tell("publish with name but no name", j => j.Set("consent", "publish_with_name"), "name");
        yield return Tell("may be contacted without a contact", j => j.Set("may_contact", true), "contact");
        yield return Tell("confirmation asked to a phone number", j => j.Set("contact", "+1 212 555 0100").Set("send_confirmation", true), "contact");
        yield return Tell("contact too short to be a phone", j => j.Set("contact", "12"), "contact");
        yield return Tell("contact email with two @", j => j.Set("contact", "a@@example.org"), "contact");
        yield return Tell("story of 10,001 characters", j => j.Set("story", new string('s', 10_001)), "story");
        yield return Tell("story of white space only", j => j.Set("story", " \n\t\u3000 "), "story");
        yield return Tell("NUL in the story", j => j.Set("story", "They came\0 at night."), "story");
        yield return Tell("backspaces in the story", j => j.Set("story", "They\b\b\bcame."), "story");
        yield return Tell("right-to-left override in the story", j => j.Set("story", "They came \u202Eat night."), "story");
        yield return Tell("NUL in the name", j => j.Set("name", "Xo\0chitl"), "name");
        yield return Tell("unit separator in the county", j => j.Set("county_or_city", "Suf\u001ffolk"), "county_or_city");
        yield return Tell("name of 101 characters", j => j.Set("name", new string('n', 101)), "name");
        yield return TellText("unpaired surrogate in the story", """{"story":"They came \udfff at night.","consent":"internal"}""", "body");
        yield return TellForm("empty body", "", "story", "consent");
        yield return TellForm("story twice", Form(("story", "one"), ("story", "two"), ("consent", "internal")), "story");
        yield return TellForm("may_contact neither yes nor no", Form(("story", "one"), ("consent", "internal"), ("may_contact", "sometimes")), "may_contact");
        yield return TellForm("return URL to another site", Form(("story", "one"), ("consent", "internal"), ("return_url", "https://evil.example/")), "return_url");
        yield return new("story: content type application/xml", t => Send(HttpMethod.Post, Stories(t), "<story>x</story>", "application/xml"), Unsupported);
        yield return new("story: UTF-16 body", t => Post(Stories(t), Encoding.Unicode.GetBytes(Story().ToJsonString()), "application/json; charset=utf-16"), Unsupported);
        yield return new("story: overlong UTF-8", t => Post(Stories(t), Concat(Utf8("{\"story\":\""), [0xE0, 0x80, 0xAF], Utf8("\",\"consent\":\"internal\"}")), Json), Bad);
        yield return new("story: to a petition", t => Send(HttpMethod.Post, Path(t, $"campaigns/{t.Petition}/stories"), Story().ToJsonString()), NotFound, ProblemType: "not-a-story-campaign");
        yield return new("signature: to a stories campaign", t => Send(HttpMethod.Post, Path(t, $"campaigns/{t.Stories}/signatures"), Signature().ToJsonString()), NotFound, ProblemType: "not-a-petition");
        yield return new("signature: form post to a stories campaign", t => Send(HttpMethod.Post, Path(t, $"campaigns/{t.Stories}/signatures"),
            "given_name=Ana&family_name=P&email=ana%40example.org&postal_code=10027", "application/x-www-form-urlencoded"), NotFound, ProblemType: "not-a-petition");
    }

    private static IEnumerable<HostileCase> AdminCases()
    {
        HostileCase Create(string name, Func<JsonNode, JsonNode> spoil, params string[] fields) =>
            new($"admin create campaign: {name}", t => Send(HttpMethod.Post, Path(t, "manage/campaigns"), spoil(NewCampaign()).ToJsonString()).AsAdmin(t), Bad, fields);
        HostileCase CreateText(string name, string json, params string[] fields) =>
            new($"admin create campaign: {name}", t => Send(HttpMethod.Post, Path(t, "manage/campaigns"), json).AsAdmin(t), Bad, fields);
        HostileCase Update(string name, Func<JsonNode, JsonNode> spoil, params string[] fields) =>
            new($"admin update campaign: {name}", t => Send(HttpMethod.Put, Path(t, $"manage/campaigns/{t.AdminCampaign}"),
                spoil(NewCampaign().Set("slug", t.AdminCampaign).Set("state", "open")).ToJsonString()).AsAdmin(t), Bad, fields);
        HostileCase Admin(string name, Func<HostileTargets, HttpMethod> method, Func<HostileTargets, string> path, string body, HttpStatusCode status, params string[] fields) =>
            new($"admin {name}", t => Send(method(t), Path(t, path(t)), body).AsAdmin(t), status, fields.Length > 0 ? fields : null);

        yield return CreateText("malformed JSON", "{\"slug\":", "body");
        yield return CreateText("JSON array", "[]", "body");
        yield return CreateText("empty body", "", "body");
        yield return CreateText("nested 70 deep", "{\"title\":" + Repeat("{\"en\":", 70) + "1" + Repeat("}", 70) + "}", "body");
        yield return CreateText("nested 10,000 arrays deep", Repeat("[", 10_000) + Repeat("]", 10_000), "body");
        yield return CreateText("duplicate slug", NewCampaign().ToJsonString().Replace("{\"slug\":", "{\"slug\":\"other-slug\",\"slug\":"), "body");
        yield return CreateText("duplicate title language", NewCampaign().ToJsonString().Replace("\"title\":{", "\"title\":{\"en\":\"Other\","), "body");
        yield return Create("unknown field", j => j.Set("immigration_status", "asked"), "immigration_status");
        yield return Create("unknown language in the title", j => j.Set("title.fr", "Un titre"), "title.fr");
        yield return Create("goal as a string", j => j.Set("goal", "100"), "goal");
        yield return Create("goal as a fraction", j => j.Set("goal", 1.5), "goal");
        yield return Create("goal beyond a 32-bit number", j => j.Set("goal", JsonNode.Parse("99999999999999999999")), "goal");
        yield return Create("goal of 1e308", j => j.Set("goal", JsonNode.Parse("1e308")), "goal");
        yield return Create("goal of zero", j => j.Set("goal", 0), "goal");
        yield return Create("negative goal", j => j.Set("goal", -5), "goal");
        yield return Create("goal above the maximum", j => j.Set("goal", 2_000_000_000), "goal");
        yield return Create("stretch goals as a string", j => j.Set("stretch_goals", "200,300"), "stretch_goals");
        yield return Create("stretch goal too large for a number", j => j.Set("stretch_goals", JsonNode.Parse("[1e400]")), "stretch_goals[0]");
        yield return Create("eleven stretch goals", j => j.Set("stretch_goals", new JsonArray(Enumerable.Range(2, 11).Select(i => (JsonNode)(i * 100)).ToArray())), "stretch_goals");
        yield return Create("deadline that is not a date", j => j.Set("deadline", "tomorrow"), "deadline");
        yield return Create("deadline as a number", j => j.Set("deadline", 1700000000), "deadline");
        yield return Create("title as a string", j => j.Set("title", "A title"), "title");
        yield return Create("kind as a number", j => j.Set("kind", 5), "kind");
        yield return Create("kind not known", j => j.Set("kind", "poll"), "kind");
        yield return Create("state closed on creation", j => j.Set("state", "closed"), "state");
        yield return Create("slug with capitals and spaces", j => j.Set("slug", "Bad Slug"), "slug");
        yield return Create("slug with a path", j => j.Set("slug", "../campaigns"), "slug");
        yield return Create("slug with an OData quote", j => j.Set("slug", "x' or PartitionKey ne '"), "slug");
        yield return Create("slug of 65 characters", j => j.Set("slug", new string('s', 65)), "slug");
        yield return Create("slug with a Cyrillic look-alike", j => j.Set("slug", "gоvernor"), "slug");
        yield return CreateText("unpaired surrogate in the title", NewCampaign().ToJsonString().Replace("A title", "A \\udc00title"), "body");
        yield return Create("NUL in the title", j => j.Set("title.en", "A\0title"), "title.en");
        yield return Create("right-to-left override in the title", j => j.Set("title.es", "Un \u202Etítulo"), "title.es");
        yield return Create("title of 201 characters", j => j.Set("title.en", new string('t', 201)), "title.en");
        yield return Create("call to action of 101 characters", j => j.Set("call_to_action.en", new string('c', 101)), "call_to_action.en");
        yield return Create("target email without a domain", j => j.Set("target.delivery_email", "governor@"), "target.delivery_email");
        yield return Create("owner email with a display name", j => j.Set("owner_email", "Owner <owner@example.org>"), "owner_email");
        yield return Create("allowed origin with javascript:", j => j.Set("allowed_origins", new JsonArray("javascript:alert(1)")), "allowed_origins[0]");
        yield return Create("allowed origin that is not a string", j => j.Set("allowed_origins", new JsonArray(new JsonObject())), "allowed_origins[0]");
        yield return Create("allowed origins as an object", j => j.Set("allowed_origins", new JsonObject { ["a"] = "https://a.example" }), "allowed_origins");
        yield return Create("21 allowed origins", j => j.Set("allowed_origins", new JsonArray(Enumerable.Range(0, 21).Select(i => (JsonNode)$"https://p{i}.example").ToArray())), "allowed_origins");
        yield return Create("return URL on an origin not allowed", j => j.Set("return_urls", new JsonArray("https://evil.example/thanks")), "return_urls[0]");
        yield return Create("return URL of 501 characters", j => j.Set("allowed_origins", new JsonArray("https://p.example")).Set("return_urls", new JsonArray("https://p.example/" + new string('x', 490))), "return_urls[0]");
        yield return new("admin create campaign: form-encoded", t => Send(HttpMethod.Post, Path(t, "manage/campaigns"), "slug=x&kind=petition", FormType).AsAdmin(t), Unsupported);
        yield return new("admin create campaign: JSON in Latin-1", t => Post(Path(t, "manage/campaigns"), Encoding.Latin1.GetBytes(NewCampaign().ToJsonString()), "application/json; charset=iso-8859-1").AsAdmin(t), Unsupported);
        yield return new("admin create campaign: invalid UTF-8", t => Post(Path(t, "manage/campaigns"), Concat(Utf8("{\"slug\":\""), [0xFF], Utf8("\"}")), Json).AsAdmin(t), Bad);
        yield return new("admin create campaign: the existing slug", t => Send(HttpMethod.Post, Path(t, "manage/campaigns"), NewCampaign().Set("slug", t.Petition).ToJsonString()).AsAdmin(t), HttpStatusCode.Conflict, ProblemType: "campaign-exists");

        yield return Update("another slug in the document", j => j.Set("slug", "another-slug"), "slug");
        yield return Update("goal beyond a 32-bit number", j => j.Set("goal", JsonNode.Parse("4294967296")), "goal");
        yield return Update("unknown field in the target", j => j.Set("target.phone", "555"), "target.phone");
        yield return Update("deadline in the past for an open campaign", j => j.Set("deadline", "2001-01-01T00:00:00Z"), "deadline");
        yield return new("admin update campaign: unknown campaign", t => Send(HttpMethod.Put, Path(t, "manage/campaigns/no-such-campaign"), NewCampaign().ToJsonString()).AsAdmin(t), NotFound);
        yield return new("admin update campaign: duplicate goal", t => Send(HttpMethod.Put, Path(t, $"manage/campaigns/{t.AdminCampaign}"),
            NewCampaign().Set("slug", t.AdminCampaign).ToJsonString().Replace("\"goal\":100", "\"goal\":100,\"goal\":1")).AsAdmin(t), Bad, ["body"]);

        // Endorsement moderation and changes.
        string Bulk(HostileTargets t) => $"manage/campaigns/{t.Letter}/endorsements/moderation";
        string One(HostileTargets t) => $"manage/campaigns/{t.Letter}/endorsements/{t.EndorsementKey}/moderation";
        string Change(HostileTargets t) => $"manage/campaigns/{t.Letter}/endorsements/{t.EndorsementKey}/change";
        yield return Admin("bulk moderation: malformed JSON", _ => HttpMethod.Post, Bulk, "{\"keys\":[", Bad, "body");
        yield return Admin("bulk moderation: empty body", _ => HttpMethod.Post, Bulk, "", Bad, "body");
        yield return Admin("bulk moderation: keys as a string", _ => HttpMethod.Post, Bulk, "{\"keys\":\"org-1\",\"state\":\"approved\"}", Bad, "keys");
        yield return Admin("bulk moderation: keys as numbers", _ => HttpMethod.Post, Bulk, "{\"keys\":[1,2],\"state\":\"approved\"}", Bad, "keys");
        yield return Admin("bulk moderation: no keys", _ => HttpMethod.Post, Bulk, "{\"keys\":[],\"state\":\"approved\"}", Bad, "keys");
        yield return Admin("bulk moderation: 501 keys", _ => HttpMethod.Post, Bulk,
            "{\"state\":\"approved\",\"keys\":[" + string.Join(",", Enumerable.Range(0, 501).Select(i => $"\"org-{i}\"")) + "]}", Bad, "keys");
        yield return Admin("bulk moderation: unpaired surrogate in a key", _ => HttpMethod.Post, Bulk, "{\"keys\":[\"org-\\ud800\"],\"state\":\"approved\"}", Bad, "body");
        yield return Admin("bulk moderation: state not known", _ => HttpMethod.Post, Bulk, "{\"keys\":[\"org-1\"],\"state\":\"published\"}", Bad, "state");
        yield return Admin("bulk moderation: state as a number", _ => HttpMethod.Post, Bulk, "{\"keys\":[\"org-1\"],\"state\":1}", Bad, "state");
        yield return Admin("bulk moderation: state as a numeric string", _ => HttpMethod.Post, Bulk, "{\"keys\":[\"org-1\"],\"state\":\"1\"}", Bad, "state");
        yield return new("admin bulk moderation: duplicate state", t => Send(HttpMethod.Post, Path(t, Bulk(t)),
            $"{{\"keys\":[\"{t.EndorsementKey}\"],\"state\":\"approved\",\"state\":\"rejected\"}}").AsAdmin(t), Bad, ["body"]);
        yield return new("admin bulk moderation: nested 100 deep", t => Send(HttpMethod.Post, Path(t, Bulk(t)), Repeat("[", 100) + Repeat("]", 100)).AsAdmin(t), Bad, ["body"]);
        yield return new("admin bulk moderation: form-encoded", t => Send(HttpMethod.Post, Path(t, Bulk(t)), "state=approved", FormType).AsAdmin(t), Unsupported);
        yield return Admin("one moderation: state missing", _ => HttpMethod.Post, One, "{}", Bad, "state");
        yield return Admin("one moderation: JSON null", _ => HttpMethod.Post, One, "null", Bad, "body");
        yield return new("admin one moderation: unknown key", t => Send(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Letter}/endorsements/org-{new string('0', 64)}/moderation"), "{\"state\":\"approved\"}").AsAdmin(t), NotFound);
        yield return new("admin one moderation: key with an OData quote", t => Send(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Letter}/endorsements/org-x'%20or%20'1'%20eq%20'1/moderation"), "{\"state\":\"approved\"}").AsAdmin(t), NotFound);
        yield return Admin("endorsement change: decision not known", _ => HttpMethod.Post, Change, "{\"decision\":\"maybe\"}", Bad, "decision");
        yield return Admin("endorsement change: decision as true", _ => HttpMethod.Post, Change, "{\"decision\":true}", Bad, "decision");
        yield return new("admin endorsement change: duplicate decision", t => Send(HttpMethod.Post, Path(t, Change(t)), "{\"decision\":\"discard\",\"decision\":\"apply\"}").AsAdmin(t), Bad, ["body"]);

        // Stories moderation.
        string Redaction(HostileTargets t) => $"manage/campaigns/{t.Stories}/stories/{t.StoryId}/redaction";
        string Approval(HostileTargets t) => $"manage/campaigns/{t.Stories}/stories/{t.StoryId}/approval";
        yield return Admin("story redaction: malformed JSON", _ => HttpMethod.Put, Redaction, "{\"en\":", Bad, "body");
        yield return Admin("story redaction: empty object", _ => HttpMethod.Put, Redaction, "{}", Bad, "en");
        yield return Admin("story redaction: text as a number", _ => HttpMethod.Put, Redaction, "{\"en\":5}", Bad, "en");
        yield return Admin("story redaction: unknown language", _ => HttpMethod.Put, Redaction, "{\"fr\":\"texte\"}", Bad, "fr");
        yield return Admin("story redaction: NUL in the text", _ => HttpMethod.Put, Redaction, "{\"en\":\"a\\u0000b\"}", Bad, "en");
        yield return Admin("story redaction: right-to-left override", _ => HttpMethod.Put, Redaction, "{\"es\":\"a\\u202Eb\"}", Bad, "es");
        yield return Admin("story redaction: 10,001 characters", _ => HttpMethod.Put, Redaction, "{\"en\":\"" + new string('r', 10_001) + "\"}", Bad, "en");
        yield return Admin("story redaction: duplicate language", _ => HttpMethod.Put, Redaction, "{\"en\":\"a\",\"en\":\"b\"}", Bad, "body");
        yield return Admin("story redaction: nested 20 deep", _ => HttpMethod.Put, Redaction, "{\"en\":" + Repeat("[", 20) + Repeat("]", 20) + "}", Bad, "body");
        yield return new("admin story redaction: unknown story", t => Send(HttpMethod.Put, Path(t, $"manage/campaigns/{t.Stories}/stories/{new string('f', 32)}/redaction"), "{\"en\":\"x\"}").AsAdmin(t), NotFound);
        yield return new("admin story redaction: story id with a path", t => Send(HttpMethod.Put, Path(t, $"manage/campaigns/{t.Stories}/stories/..%2F..%2Fx/redaction"), "{\"en\":\"x\"}").AsAdmin(t), NotFound);
        yield return Admin("story approval: publish as a string", _ => HttpMethod.Put, Approval, "{\"publish\":\"yes\"}", Bad, "publish");
        yield return Admin("story approval: unknown field", _ => HttpMethod.Put, Approval, "{\"publish\":false,\"feature\":true}", Bad, "feature");
        yield return Admin("story approval: before any redaction", _ => HttpMethod.Put, Approval, "{\"publish\":true}", Bad, "publish");
        yield return Admin("story approval: delivery before any redaction", _ => HttpMethod.Put, Approval, "{\"include_in_delivery\":true}", Bad, "include_in_delivery");
        yield return Admin("story approval: unpaired surrogate in a field name", _ => HttpMethod.Put, Approval, "{\"pub\\udbfflish\":true}", Bad, "body");
        yield return Admin("story approval: empty body", _ => HttpMethod.Put, Approval, "", Bad, "body");
        yield return new("admin story approval: text/plain", t => Send(HttpMethod.Put, Path(t, Approval(t)), "{\"publish\":false}", "text/plain").AsAdmin(t), Unsupported);

        // Deliveries and signatures.
        string Deliveries(HostileTargets t) => $"manage/campaigns/{t.Petition}/deliveries";
        yield return Admin("delivery: malformed JSON", _ => HttpMethod.Post, Deliveries, "{\"milestone\":", Bad, "body");
        yield return Admin("delivery: JSON array", _ => HttpMethod.Post, Deliveries, "[\"goal-100\"]", Bad, "body");
        yield return Admin("delivery: milestone as a number", _ => HttpMethod.Post, Deliveries, "{\"milestone\":2500}", Bad, "milestone");
        yield return Admin("delivery: unpaired surrogate in the milestone", _ => HttpMethod.Post, Deliveries, "{\"milestone\":\"goal-\\ud800\"}", Bad, "body");
        yield return new("admin delivery: form-encoded", t => Send(HttpMethod.Post, Path(t, Deliveries(t)), "milestone=close", FormType).AsAdmin(t), Unsupported);
        yield return new("admin delivery: body without a content type", t => Post(Path(t, Deliveries(t)), Utf8("{\"milestone\":\"close\"}"), null).AsAdmin(t), Unsupported);
        yield return Admin("delivery: milestone that is not one", _ => HttpMethod.Post, Deliveries, "{\"milestone\":\"../../etc\"}", Bad, "milestone");
        yield return Admin("delivery: milestone not due", _ => HttpMethod.Post, Deliveries, "{\"milestone\":\"goal-99999999999999999999\"}", Bad, "milestone");
        yield return Admin("delivery: duplicate milestone", _ => HttpMethod.Post, Deliveries, "{\"milestone\":null,\"milestone\":\"close\"}", Bad, "body");
        yield return new("admin delivery: text/plain body", t => Send(HttpMethod.Post, Path(t, Deliveries(t)), "{\"milestone\":\"close\"}", "text/plain").AsAdmin(t), Unsupported);
        yield return new("admin delivery: invalid UTF-8", t => Post(Path(t, Deliveries(t)), Concat(Utf8("{\"milestone\":\""), [0xFF], Utf8("\"}")), Json).AsAdmin(t), Bad);
        yield return new("admin delivery: unknown delivery id with a quote", t => new HttpRequestMessage(HttpMethod.Get, Path(t, $"manage/campaigns/{t.Petition}/deliveries/x'y")).AsAdmin(t), NotFound);
        yield return new("admin signature: invalidate an unknown key", t => new HttpRequestMessage(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Petition}/signatures/{new string('0', 64)}/invalidate")).AsAdmin(t), NotFound);
        yield return new("admin signature: invalidate a key with an OData quote", t => new HttpRequestMessage(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Petition}/signatures/x'%20or%20RowKey%20ne%20'/invalidate")).AsAdmin(t), NotFound);
        yield return new("admin signature: restore with an uppercase key", t => new HttpRequestMessage(HttpMethod.Post, Path(t, $"manage/campaigns/{t.Petition}/signatures/{t.SignatureKey.ToUpperInvariant()}/restore")).AsAdmin(t), NotFound);
        foreach (var (label, query) in new[] { ("state not known", "moderation=published"), ("state as a number", "moderation=1"), ("two states", "moderation=approved,rejected") })
            yield return new($"admin endorsement list: {label}", t => new HttpRequestMessage(HttpMethod.Get, Path(t, $"manage/campaigns/{t.Letter}/endorsements?{query}")).AsAdmin(t), Bad, ["moderation"]);
        foreach (var (label, query) in new[] { ("page as a word", "page=last"), ("page zero", "page=0"), ("page beyond a 32-bit number", "page=4294967296"), ("page twice", "page=1&page=2") })
            yield return new($"admin story list: {label}", t => new HttpRequestMessage(HttpMethod.Get, Path(t, $"manage/campaigns/{t.Stories}/stories?{query}")).AsAdmin(t), Bad, ["page"]);
        foreach (var (label, query, field) in new[]
                 {
                     ("negative page", "page=-1", "page"), ("page beyond a 32-bit number", "page=99999999999999999999", "page"), ("page as a word", "page=first", "page"),
                     ("per_page zero", "per_page=0", "per_page"), ("per_page of 1e9", "per_page=1e9", "per_page"), ("state not known", "state=deleted", "state"),
                     ("state as a number", "state=1", "state"), ("modified_since not a date", "modified_since=yesterday", "modified_since"),
                 })
            yield return new($"admin signature list: {label}", t => new HttpRequestMessage(HttpMethod.Get, Path(t, $"manage/campaigns/{t.Petition}/signatures?{query}")).AsAdmin(t), Bad, [field]);
    }

    private static IEnumerable<HostileCase> LinkCases()
    {
        HostileCase Link(string name, Func<HostileTargets, string> path, HttpMethod? method = null, HttpStatusCode status = HttpStatusCode.BadRequest) =>
            new($"link: {name}", t => new HttpRequestMessage(method ?? HttpMethod.Get, Path(t, path(t))), status, Answer: HostileAnswer.Page);

        yield return Link("confirm token of random text", _ => "confirm/not-a-token");
        yield return Link("confirm token with its signature cut", t => "confirm/" + t.SignatureConfirmToken[..t.SignatureConfirmToken.IndexOf('.')]);
        yield return Link("confirm token with one character changed", t => "confirm/" + Flip(t.SignatureConfirmToken));
        yield return Link("confirm token with a script tag", _ => "confirm/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        yield return Link("confirm token with encoded dot segments", _ => "confirm/..%2F..%2Fmanage%2Fme");
        yield return Link("confirm token of 4,000 characters", _ => "confirm/" + new string('A', 4000));
        yield return Link("confirm token with NUL escapes", _ => "confirm/abc%2500def");
        yield return Link("confirm token of a story's withdraw link", t => "confirm/" + t.StoryWithdrawToken);
        yield return Link("endorsement confirm token of a signature", t => "endorsements/confirm/" + t.SignatureConfirmToken);
        yield return Link("endorsement confirm token of random text", _ => "endorsements/confirm/xyz.abc");
        yield return Link("withdraw page for a signature's token", t => "stories/withdraw/" + t.SignatureConfirmToken);
        yield return Link("withdraw page for random text", _ => "stories/withdraw/%E2%80%AEevil");
        yield return Link("withdraw post with a signature's token", t => "stories/withdraw/" + t.SignatureConfirmToken, HttpMethod.Post);
        yield return Link("withdraw post with one character changed", t => "stories/withdraw/" + Flip(t.StoryWithdrawToken), HttpMethod.Post);
        yield return Link("withdraw post with a token of 4,000 characters", _ => "stories/withdraw/" + new string('w', 4000), HttpMethod.Post);

        // The link pages' forms, which carry the token the page read from the link's fragment.
        HostileCase Posted(string name, string page, Func<HostileTargets, string> body, string type = FormType) =>
            new($"link form: {name}", t => Send(HttpMethod.Post, Path(t, page), body(t), type), HttpStatusCode.BadRequest, Answer: HostileAnswer.Page);
        yield return Posted("confirm with no field", "confirm", _ => "");
        yield return Posted("confirm with the token twice", "confirm", t => $"link={t.SignatureConfirmToken}&link={t.SignatureConfirmToken}");
        yield return Posted("confirm with one character changed", "confirm", t => "link=" + Uri.EscapeDataString(Flip(t.SignatureConfirmToken)));
        yield return Posted("confirm with a pasted link to another site", "confirm", _ => "link=" + Uri.EscapeDataString("https://evil.example/x#abc.def"));
        yield return Posted("confirm with a story's withdraw token", "confirm", t => "link=" + t.StoryWithdrawToken);
        yield return Posted("confirm as JSON", "confirm", t => $"{{\"link\":\"{t.SignatureConfirmToken}\"}}", "application/json");
        yield return Posted("confirm with 20 KB", "confirm", _ => "link=" + new string('A', 20_000));
        yield return Posted("endorsement confirm with a signature's token", "endorsements/confirm", t => "link=" + t.SignatureConfirmToken);
        yield return Posted("story withdraw with a signature's token", "stories/withdraw?lang=es", t => "link=" + t.SignatureConfirmToken);
        yield return Posted("signature withdraw with a confirm token", "withdraw?lang=en", t => "link=" + t.SignatureConfirmToken);
    }

    /// <summary>The token with one character of its signature changed.</summary>
    private static string Flip(string token)
    {
        var at = token.Length - 3;
        return token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
    }

    private static string Slugs(string path, HostileTargets t) =>
        path.Replace("{petition}", t.Petition).Replace("{PETITION}", t.Petition.ToUpperInvariant());

    private static IEnumerable<HostileCase> PathCases()
    {
        HostileCase Read(string name, string path, HttpStatusCode status = HttpStatusCode.NotFound, HostileAnswer answer = HostileAnswer.Problem) =>
            new($"path: {name}", t => new HttpRequestMessage(HttpMethod.Get, Path(t, Slugs(path, t))), status, Answer: answer);
        HostileCase Sign(string name, string slug, HttpStatusCode status = HttpStatusCode.NotFound, HostileAnswer answer = HostileAnswer.Problem) =>
            new($"path: signing at {name}", t => Send(HttpMethod.Post, Path(t, $"campaigns/{Slugs(slug, t)}/signatures"),
                Signature().ToJsonString()), status, Answer: answer);

        yield return Read("campaign slug with a capital", "campaigns/{petition}-X");
        yield return Read("campaign slug in capitals", "campaigns/{PETITION}");
        yield return Read("count of a campaign slug in capitals", "campaigns/{PETITION}/count");
        yield return Read("encoded dot-dot as the slug", "campaigns/%2e%2e/count", answer: HostileAnswer.Host);
        yield return Read("encoded slashes in the slug", "campaigns/..%2F..%2Fmanage%2Fcampaigns/count");
        yield return Read("double-encoded dot-dot", "campaigns/%252e%252e/count");
        yield return Read("backslashes in the slug", "campaigns/..%5C..%5Cmanage/count");
        yield return Read("slug of 4,000 characters", "campaigns/" + new string('a', 4000) + "/count");
        yield return Read("slug with a Cyrillic o", "campaigns/g%D0%BEvernor-end-s-comm");
        yield return Read("slug with fullwidth letters", "campaigns/%EF%BD%87overnor-end-s-comm/count");
        yield return Read("slug with a zero-width space", "campaigns/governor-end-s-comm%E2%80%8B/count");
        yield return Read("slug with a right-to-left override", "campaigns/%E2%80%AEgovernor/count");
        yield return Read("slug with a trailing encoded space", "campaigns/{petition}%20/count");
        yield return Read("slug with a trailing dot", "campaigns/{petition}./count");
        yield return Read("slug with an OData quote", "campaigns/x'%20or%20PartitionKey%20ne%20'/count");
        yield return Read("slug with HTML", "campaigns/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        yield return Read("endorsement list with a traversal slug", "campaigns/..%2F{petition}/endorsements");
        yield return Read("endorsement list of a petition", "campaigns/{petition}/endorsements");
        yield return Read("story list with a NUL escape", "campaigns/x%2500/stories");
        yield return Read("story list of a petition", "campaigns/{petition}/stories");
        yield return Read("dot segments that climb into the admin API", "campaigns/x/../../manage/campaigns", HttpStatusCode.Unauthorized);
        yield return Read("encoded dot segments that climb into the admin API", "campaigns/%2e%2e/%2e%2e/manage/me", answer: HostileAnswer.Host);
        yield return Read("a request line over the server's limit", "campaigns/" + new string('a', 40_000), HttpStatusCode.RequestUriTooLong, HostileAnswer.Host);
        yield return Sign("the real slug in capitals", "{PETITION}");
        yield return Sign("the real slug with one capital", "X{petition}");
        yield return Sign("an encoded slash", "{petition}%2Fx");
        yield return Sign("a Cyrillic look-alike", "t%D0%B5st-abc");
        yield return Sign("a zero-width joiner", "{petition}%E2%80%8D");
        yield return Sign("an OData quote", "x'%20or%20'1'%20eq%20'1");
        yield return Sign("a slug of 2,000 characters", new string('s', 2000));
        foreach (var (label, origin) in new[]
                 {
                     ("another site", "https://evil.example"), ("user info before the allowed host", "https://partner.example@evil.example"),
                     ("a look-alike host", "https://partner.example.evil.example"), ("a port out of range", "https://partner.example:99999"),
                     ("javascript:", "javascript:alert(1)"), ("two origins", "https://partner.example https://evil.example"),
                 })
            yield return new($"origin: signing from {label}", t => Send(HttpMethod.Post, Signatures(t), Signature().ToJsonString()).WithHeader("Origin", origin),
                HttpStatusCode.Forbidden, ProblemType: "origin-not-allowed");
        yield return new("origin: endorsing from another site", t => Send(HttpMethod.Post, Endorsements(t), Organization().ToJsonString()).WithHeader("Origin", "https://evil.example"),
            HttpStatusCode.Forbidden, ProblemType: "origin-not-allowed");
        yield return new("origin: telling a story from another site", t => Send(HttpMethod.Post, Stories(t), Story().ToJsonString()).WithHeader("Origin", "https://evil.example"),
            HttpStatusCode.Forbidden, ProblemType: "origin-not-allowed");
        yield return new("origin: story preflight from another site", t => new HttpRequestMessage(HttpMethod.Options, Stories(t))
            .WithHeader("Origin", "https://evil.example").WithHeader("Access-Control-Request-Method", "POST"), HttpStatusCode.Forbidden);
        yield return new("origin: signature preflight for a capitalised slug", t => new HttpRequestMessage(HttpMethod.Options, Path(t, $"campaigns/{t.Petition.ToUpperInvariant()}/signatures"))
            .WithHeader("Origin", "https://partner.example").WithHeader("Access-Control-Request-Method", "POST"), HttpStatusCode.Forbidden);
        yield return Sign("a closed campaign", "{closed}", HttpStatusCode.Conflict) with
        {
            Build = t => Send(HttpMethod.Post, Path(t, $"campaigns/{t.ClosedPetition}/signatures"), Signature().ToJsonString()),
        };
    }
}
