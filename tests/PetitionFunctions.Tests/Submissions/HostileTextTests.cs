using System.Net;
using System.Net.Http.Json;
using System.Text;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

/// <summary>
/// What hostile text does once it is past the door: formulas and markup that a field accepts come out
/// inert (a neutralised CSV cell, encoded HTML), and no personal detail of a valid or refused request
/// ever reaches a log line or a log scope.
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed class HostileTextTests(HostileInputFixture fixture)
{
    [Fact]
    public async Task Formulas_and_markup_in_names_and_comments_are_accepted_and_come_out_inert()
    {
        var campaign = await fixture.NewCampaignAsync();
        const string email = "inert.markup@example.org";
        var answer = await fixture.Http.PostAsJsonAsync($"campaigns/{campaign.Slug}/signatures", new
        {
            person = new
            {
                given_name = "<script>alert(1)</script>",
                family_name = "=HYPERLINK(\"https://evil.example\",\"x\")",
                email_addresses = new[] { new { address = email } },
                postal_addresses = new[] { new { postal_code = "10027", locality = "@SUM(1+1)", region = "-2+3" } },
            },
            comments = "+cmd|' /C calc'!A0 <img src=x onerror=alert(2)>",
        });
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        await fixture.DrainQueuesAsync();
        var confirmation = Assert.Single(Outbox.To(fixture.OutboxFolder, email));
        Assert.DoesNotContain("<script>", confirmation.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", confirmation.HtmlBody);

        await fixture.ConfirmAllAsync(campaign.Slug);
        var delivery = await fixture.AdminClient(AdminRoles.Deliver)
            .PostAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{campaign.Slug}/deliveries"), null);
        Assert.Equal(HttpStatusCode.Accepted, delivery.StatusCode);
        await fixture.DrainQueuesAsync();

        var part = Assert.Single(Outbox.To(fixture.OutboxFolder, campaign.Target.DeliveryEmail)
            .SelectMany(packet => packet.Attachments.OfType<MimePart>()), a => a.FileName?.Contains(campaign.Slug) == true);
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        var csv = Encoding.UTF8.GetString(bytes.ToArray());
        Assert.Contains("\"<script>alert(1)</script>\",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",\"'@SUM(1+1)\",\"'-2+3\"", csv);
        Assert.Contains("\"'+cmd|' /C calc'!A0 <img src=x onerror=alert(2)>\"", csv);
    }

    [Fact]
    public async Task No_email_address_name_or_story_text_of_a_valid_or_hostile_request_reaches_a_log_line_or_scope()
    {
        var targets = await fixture.Targets;
        var letter = await fixture.NewCampaignAsync(c => c with { Kind = CampaignKind.Letter });
        string[] secrets =
        [
            "zenaida.quispe@example.org", "Zenaida", "Quispeyupanqui", "Teodulfo", "Pocahontasville",
            "wenceslao.tzintzun@example.org", "Wenceslao", "Tzintzun",
            "eufrosina@alianza-secreta.example", "Eufrosina", "Cacuango", "555 0199",
            "hilarion.batzibal@example.org", "Hilarion", "Batzibal", "Nogales de noche", "Xyloville",
        ];
        var valid = new List<HttpRequestMessage>
        {
            Json($"campaigns/{targets.Petition}/signatures", """
                {"person":{"given_name":"Zenaida","family_name":"Quispeyupanqui","email_addresses":[{"address":"zenaida.quispe@example.org"}],
                 "postal_addresses":[{"postal_code":"10027","locality":"Pocahontasville"}]},"comments":"Por mi hermano Teodulfo."}
                """),
            Form($"campaigns/{targets.Petition}/signatures",
                "given_name=Wenceslao&family_name=Tzintzun&email=wenceslao.tzintzun%40example.org&postal_code=11201&return_url=https%3A%2F%2Fpartner.example%2Fthank-you"),
            Json($"campaigns/{letter.Slug}/endorsements", """
                {"organization":{"name":"Alianza Secreta","website":"https://alianza-secreta.example","scope":"national"},
                 "signer":{"name":"Eufrosina Cacuango","title":"Directora","email":"eufrosina@alianza-secreta.example","phone":"+1 212 555 0199"},"list_publicly":false}
                """),
            Json($"campaigns/{targets.Stories}/stories", """
                {"story":"Hilarion cruzó por Nogales de noche y lo detuvieron.","language":"es","name":"Hilarion Batzibal",
                 "contact":"hilarion.batzibal@example.org","county_or_city":"Xyloville","consent":"publish_with_name","send_confirmation":true}
                """),
        };
        var hostile = new List<HttpRequestMessage>
        {
            // The same people again (a repeat is logged as one), then each with one thing wrong.
            Json($"campaigns/{targets.Petition}/signatures", """
                {"person":{"given_name":"Zenaida","family_name":"Quispeyupanqui","email_addresses":[{"address":"zenaida.quispe@example.org"}],
                 "postal_addresses":[{"postal_code":"10027"}]}}
                """),
            Json($"campaigns/{targets.Petition}/signatures", """
                {"person":{"given_name":"Zen\u0000aida","family_name":"Quispeyupanqui","email_addresses":[{"address":"zenaida.quispe@@example.org"}],
                 "postal_addresses":[{"postal_code":"10027"}]},"comments":"Teodulfo \u202E"}
                """),
            Json($"campaigns/{targets.Petition}/signatures", """{"person":{"given_name":"Zenaida","given_name":"Teodulfo"}}"""),
            Json($"campaigns/{targets.Petition}/signatures", """{"person":{"given_name":"Zenaida \udc00", "email_addresses":[{"address":"zenaida.quispe@example.org"}]}}"""),
            Json($"campaigns/{targets.Petition}/signatures", "{\"person\":{\"given_name\":\"Zenaida\"}, \"comments\": \"Teodulfo"),
            Json($"campaigns/{targets.ClosedPetition}/signatures", """
                {"person":{"given_name":"Zenaida","family_name":"Quispeyupanqui","email_addresses":[{"address":"zenaida.quispe@example.org"}],"postal_addresses":[{"postal_code":"10027"}]}}
                """),
            WithOrigin(Json($"campaigns/{targets.Petition}/signatures", """
                {"person":{"given_name":"Zenaida","family_name":"Quispeyupanqui","email_addresses":[{"address":"zenaida.quispe@example.org"}],"postal_addresses":[{"postal_code":"10027"}]}}
                """), "https://evil.example"),
            HostileRequests.Post(Path($"campaigns/{targets.Petition}/signatures"),
                HostileRequests.Concat(Encoding.UTF8.GetBytes("{\"person\":{\"given_name\":\"Wenceslao\",\"family_name\":\"Tzintzun"), [0xC0, 0xAF], Encoding.UTF8.GetBytes("\"}}")), "application/json"),
            Form($"campaigns/{targets.Petition}/signatures", "given_name=Wenceslao&given_name=Tzintzun&email=wenceslao.tzintzun%40example.org&return_url=https%3A%2F%2Fevil.example"),
            Json($"campaigns/{letter.Slug}/endorsements", """
                {"organization":{"name":"Alianza Secreta","website":"javascript:alert(1)","scope":"national"},
                 "signer":{"name":"Eufrosina Cacuango","title":"Directora","email":"eufrosina@alianza-secreta","phone":"555 0199"},"list_publicly":"no"}
                """),
            Json($"campaigns/{targets.Stories}/stories", """
                {"story":"Hilarion cruzó por Nogales de noche.","name":"Hilarion Batzibal","contact":"hilarion.batzibal@@example.org","county_or_city":"Xyloville","consent":"all"}
                """),
            Json($"campaigns/{targets.Petition}/stories", """{"story":"Hilarion cruzó por Nogales de noche.","consent":"internal"}"""),
            Admin(Json("manage/campaigns", """{"slug":"zenaida-campaign","kind":"petition","owner_email":"zenaida.quispe@example.org","goal":"many","Teodulfo":1}""")),
            Admin(Json($"manage/campaigns/{targets.Stories}/stories/{targets.StoryId}/redaction", """{"en":"Hilarion from Xyloville\u0000"}""", HttpMethod.Put)),
        };

        foreach (var request in valid)
        {
            var answer = await fixture.Raw.SendAsync(request);
            Assert.True(answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.SeeOther, $"{request.RequestUri}: {answer.StatusCode}");
        }
        foreach (var request in hostile)
        {
            var answer = await fixture.Raw.SendAsync(request);
            Assert.True(answer.StatusCode is HttpStatusCode.Accepted or (>= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError),
                $"{request.RequestUri}: {answer.StatusCode}");
        }
        await fixture.DrainQueuesAsync();
        var story = await fixture.AdminClient(AdminRoles.Stories).GetAsync(Path($"manage/campaigns/{targets.Stories}/stories?decrypt=true"));
        Assert.Contains("Hilarion", await story.Content.ReadAsStringAsync());

        Assert.NotEmpty(Outbox.To(fixture.OutboxFolder, "hilarion.batzibal@example.org"));
        Assert.Contains(fixture.Logs.Lines, line => line.Contains(letter.Slug));
        // Scopes are captured (the server's connection scopes); request-path scopes are switched off, see WithdrawalTests.
        Assert.NotEmpty(fixture.Logs.Scopes);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(fixture.Logs.Scopes, scope => scope.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }

        HttpRequestMessage Json(string path, string body, HttpMethod? method = null) => HostileRequests.Send(method ?? HttpMethod.Post, Path(path), body);
        HttpRequestMessage Form(string path, string body) => HostileRequests.Send(HttpMethod.Post, Path(path), body, HostileRequests.FormType);
        HttpRequestMessage Admin(HttpRequestMessage request) => request.AsAdmin(targets);
        Uri Path(string path) => HostileRequests.Path(targets, path);
        static HttpRequestMessage WithOrigin(HttpRequestMessage request, string origin) => request.WithHeader("Origin", origin);
    }
}
