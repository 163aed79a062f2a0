using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Endorsements;
using PetitionFunctions.Email;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Endorsements;

/// <summary>
/// The issue's "done when": an organisation endorses a letter, confirms by email, an admin approves, and it
/// appears in the public list; endorsing again leaves one endorsement and a pending change.
/// </summary>
public sealed class EndorsementFlowTests(ConsumingHostFixture fixture) : IClassFixture<ConsumingHostFixture>
{
    [Fact]
    public async Task An_organisation_endorses_confirms_by_email_is_approved_and_appears_in_the_public_list()
    {
        var letter = await fixture.NewLetterAsync();
        var email = $"maria-{Guid.NewGuid():n}@nyic.org";

        var answer = await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Organization("The New York Immigration Coalition, Inc.", "https://www.nyic.org", email, language: "es"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Contains("respaldo", (await Endorse.JsonAsync(answer)).GetProperty("message").GetString());
        var row = Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
        Assert.StartsWith("org-", row.RowKey);
        Assert.Equal("new york immigration coalition", row.GetString("CanonicalName"));
        Assert.Equal("nyic.org", row.GetString("Domain"));
        Assert.Equal("Pending", row.GetString("Moderation"));
        // The signer is encrypted at rest; the organisation's public profile is not.
        Assert.DoesNotContain(row, pair => pair.Value is string s && (s.Contains(email) || s.Contains("María") || s.Contains("555 0100") || s.Contains("12125550100")));
        Assert.Equal("The New York Immigration Coalition, Inc.", row.GetString("Name"));

        var message = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, email, 1));
        Assert.Equal("Confirme su respaldo: Suspendan S-Comm", message.Subject);
        var link = Endorse.ConfirmLink(message);
        // The email consumer cleared the outbox row once the email was sent.
        await Eventually.True(async () => !(await fixture.EndorsementRowsAsync(letter.Slug)).Any(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)));

        var opens = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => link.FollowAsync(fixture.Http)));
        var pages = await Task.WhenAll(opens.Select(o => o.Content.ReadAsStringAsync()));
        Assert.All(opens, o => Assert.Equal(HttpStatusCode.OK, o.StatusCode));
        Assert.Single(pages.Distinct());
        Assert.Contains("Respaldo confirmado", pages[0]);
        Assert.Equal("no-store", opens[0].Headers.CacheControl!.ToString());

        // Confirmed and domain-verified, but nothing is public before an admin approves.
        var admin = fixture.AdminClient(AdminRoles.Admin);
        var listed = await Endorse.JsonAsync(await admin.GetAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements?moderation=pending")));
        var entry = Assert.Single(listed.GetProperty("endorsements").EnumerateArray());
        Assert.Equal("confirmed", entry.GetProperty("state").GetString());
        Assert.True(entry.GetProperty("domain_verified").GetBoolean());
        Assert.Equal(email, entry.GetProperty("endorser").GetProperty("email").GetString());
        var before = await Endorse.JsonAsync(await fixture.Http.GetAsync($"campaigns/{letter.Slug}/endorsements"));
        Assert.Equal(0, before.GetProperty("total").GetInt32());

        var approved = await fixture.ModerateAsync(letter.Slug, "approved", row.RowKey);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var publicAnswer = await fixture.Http.GetAsync($"campaigns/{letter.Slug}/endorsements");
        Assert.Equal(HttpStatusCode.OK, publicAnswer.StatusCode);
        Assert.Equal("*", Assert.Single(publicAnswer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(PublicJson.CacheControl, publicAnswer.Headers.CacheControl!.ToString());
        var list = await Endorse.JsonAsync(publicAnswer);
        Assert.Equal(1, list.GetProperty("organizations").GetInt32());
        Assert.Equal(1, list.GetProperty("by_scope").GetProperty("state").GetInt32());
        var shown = Assert.Single(list.GetProperty("endorsements").EnumerateArray());
        Assert.Equal("The New York Immigration Coalition, Inc.", shown.GetProperty("name").GetString());
        Assert.False(shown.TryGetProperty("email", out _));
        Assert.DoesNotContain(email, list.GetRawText());

        var again = new HttpRequestMessage(HttpMethod.Get, $"campaigns/{letter.Slug}/endorsements");
        again.Headers.IfNoneMatch.Add(publicAnswer.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Http.SendAsync(again)).StatusCode);

        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(email, StringComparison.OrdinalIgnoreCase) || l.Contains("María"));
    }

    [Fact]
    public async Task Endorsing_again_leaves_one_endorsement_and_a_pending_change_an_admin_can_apply()
    {
        var letter = await fixture.NewLetterAsync();
        var url = $"campaigns/{letter.Slug}/endorsements";
        var first = await fixture.Http.PostAsync(url, Endorse.Organization("Casa Latina", "https://casalatina.example", "ana@casalatina.example"));
        var repeats = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => fixture.Http.PostAsync(url,
            Endorse.Organization("CASA LATINA INC.", "http://www.casalatina.example/", $"luis{i}@casalatina.example", scope: "local",
                signerName: "Luis Gómez"))));

        var body = await first.Content.ReadAsStringAsync();
        foreach (var repeat in repeats)
        {
            Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
            Assert.Equal(body, await repeat.Content.ReadAsStringAsync());
        }
        var rows = await fixture.EndorsementRowsAsync(letter.Slug);
        var endorsement = Assert.Single(rows.Endorsements());
        Assert.Single(rows, r => r.RowKey.StartsWith("change-", StringComparison.Ordinal));
        Assert.Equal("Casa Latina", endorsement.GetString("Name"));
        await Outbox.WaitForAsync(fixture.OutboxFolder, "ana@casalatina.example", 1);
        await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.EndorsementConfirmationsQueue);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Empty(Outbox.To(fixture.OutboxFolder, $"luis{i}@casalatina.example")));

        var admin = fixture.AdminClient(AdminRoles.Admin);
        var listed = await Endorse.JsonAsync(await admin.GetAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements")));
        var change = Assert.Single(listed.GetProperty("endorsements").EnumerateArray()).GetProperty("pending_change");
        Assert.Contains(fixture.Logs.Lines, l => l.Contains($"read 1 decrypted endorsements on {letter.Slug}", StringComparison.Ordinal)
                                                 && l.Contains("00000000-0000-4000-8000-00000000de01", StringComparison.Ordinal));
        Assert.Equal("CASA LATINA INC.", change.GetProperty("organization").GetProperty("name").GetString());
        Assert.Equal("Luis Gómez", change.GetProperty("endorser").GetProperty("name").GetString());

        var applied = await admin.PostAsJsonAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements/{endorsement.RowKey}/change"),
            new { decision = "apply" });
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        var after = await Endorse.JsonAsync(applied);
        Assert.Equal("local", after.GetProperty("organization").GetProperty("scope").GetString());
        Assert.Equal("Luis Gómez", after.GetProperty("endorser").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("pending_change").ValueKind);
        rows = await fixture.EndorsementRowsAsync(letter.Slug);
        Assert.Single(rows.Endorsements());
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("change-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Admins_moderate_in_bulk_and_only_approved_consenting_endorsements_are_listed_by_scope_then_name()
    {
        var letter = await fixture.NewLetterAsync(c => c with { AllowsIndividualEndorsements = true });
        var url = $"campaigns/{letter.Slug}/endorsements";
        var posts = new (string Name, string Site, string Scope, bool Listed)[]
        {
            ("Zeta Local", "https://zeta.example", "local", true),
            ("Alpha State", "https://alpha.example", "state", true),
            ("Beta National", "https://beta.example", "national", true),
            ("Quiet National", "https://quiet.example", "national", false),
            ("Rejected Local", "https://rejected.example", "local", true),
        };
        foreach (var p in posts)
            Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Endorse.Organization(p.Name, p.Site, $"x@{new Uri(p.Site).Host}", p.Scope, p.Listed))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Http.PostAsync(url, Endorse.Individual("Rev. Juan Ortiz", "juan@example.org"))).StatusCode);

        var keys = (await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements()
            .ToDictionary(r => r.GetString("Name") ?? "individual", r => r.RowKey);
        Assert.StartsWith("person-", keys["individual"]);
        var bulk = await fixture.ModerateAsync(letter.Slug, "approved",
            keys["Zeta Local"], keys["Alpha State"], keys["Beta National"], keys["Quiet National"], keys["individual"], "org-" + new string('0', 64));
        var result = await Endorse.JsonAsync(bulk);
        Assert.Equal(5, result.GetProperty("updated").GetArrayLength());
        Assert.Equal(1, result.GetProperty("not_found").GetArrayLength());
        var single = await fixture.AdminClient(AdminRoles.Admin).PostAsJsonAsync(
            new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements/{keys["Rejected Local"]}/moderation"), new { state = "rejected" });
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);

        var list = await Endorse.JsonAsync(await fixture.Http.GetAsync(url));
        Assert.Equal(["Beta National", "Alpha State", "Zeta Local", "Rev. Juan Ortiz"],
            list.GetProperty("endorsements").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal((1, 1, 1), (list.GetProperty("by_scope").GetProperty("national").GetInt32(), list.GetProperty("by_scope").GetProperty("state").GetInt32(),
            list.GetProperty("by_scope").GetProperty("local").GetInt32()));
        Assert.Equal((4, 3, 1), (list.GetProperty("total").GetInt32(), list.GetProperty("organizations").GetInt32(), list.GetProperty("individuals").GetInt32()));
        Assert.True(list.GetProperty("allows_individuals").GetBoolean());
    }

    [Fact]
    public async Task An_endorsement_whose_message_was_never_queued_is_relayed_from_its_outbox_row_and_emailed_once()
    {
        var letter = await fixture.NewLetterAsync();
        const string email = "relay@relay-org.example";
        var key = OrganizationIdentity.Key("relay org", "relay-org.example");
        var details = new EndorserDetails("Rosa", "Director", email);
        var stored = await fixture.Service<EndorsementTable>().InsertIfAbsentAsync(new EndorsementRecord(letter.Slug, key, EndorserKind.Organization,
            new OrganizationProfile("Relay Org", "https://relay-org.example/", EndorsementScope.Local, "Queens", "NY", null, null),
            "relay org", "relay-org.example", true, true, PetitionFunctions.Common.Language.En, null, DateTimeOffset.UtcNow.AddMinutes(-10),
            details.Protect(fixture.Service<PersonalDataCipher>(), EndorserDetails.Context(letter.Slug, key))), CancellationToken.None);
        Assert.True(stored);

        var relayed = await fixture.Service<EmailOutbox<EndorsementOutbox>>().RelayAsync(CancellationToken.None);

        Assert.True(relayed >= 1);
        var message = Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, email, 1));
        Assert.Equal("Confirm your endorsement: Suspend S-Comm", message.Subject);
        await Eventually.True(async () => !(await fixture.EndorsementRowsAsync(letter.Slug)).Any(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)));
        // Relaying again finds nothing for this letter, and a message delivered twice sends no second email.
        await fixture.Service<EmailOutbox<EndorsementOutbox>>().QueueAsync(new EmailRequest(letter.Slug, key));
        await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.EndorsementConfirmationsQueue);
        Assert.Single(Outbox.To(fixture.OutboxFolder, email));
    }

    [Fact]
    public async Task A_plain_form_post_is_answered_with_a_redirect_to_an_allowed_return_url()
    {
        var letter = await fixture.NewLetterAsync();

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Http.BaseAddress };
        var answer = await browser.PostAsync($"campaigns/{letter.Slug}/endorsements", Requests.Form(
            ("organization_name", "Make the Road"), ("website", "maketheroad.example"), ("scope", "state"), ("region", "NY"),
            ("signer_name", "Ana"), ("signer_title", "Director"), ("signer_email", "ana@maketheroad.example"), ("list_publicly", "on"),
            ("language", "es"), ("return_url", "https://partner.example/thank-you?from=letter")));

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        Assert.Equal("https://partner.example/thank-you?from=letter", answer.Headers.Location!.AbsoluteUri);
        var row = Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements());
        Assert.True(row.GetBoolean("ListPublicly"));
        Assert.Equal("https://maketheroad.example/", row.GetString("Website"));
    }

    [Fact]
    public async Task A_tampered_or_signature_link_is_not_valid_and_an_unreadable_queue_message_ends_in_the_poison_queue()
    {
        var letter = await fixture.NewLetterAsync();
        await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements", Endorse.Organization("Tamper Org", "https://tamper.example", "t@tamper.example"));
        var link = Endorse.ConfirmLink(Assert.Single(await Outbox.WaitForAsync(fixture.OutboxFolder, "t@tamper.example", 1)));
        var token = link.Token;

        var tampered = await link.WithToken(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]).FollowAsync(fixture.Http);
        var asSignature = await new EmailLink("confirm", token).FollowAsync(fixture.Http);

        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asSignature.StatusCode);
        Assert.Equal("Unconfirmed", Assert.Single((await fixture.EndorsementRowsAsync(letter.Slug)).Endorsements()).GetString("State"));

        await fixture.Service<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(StorageNames.EndorsementConfirmationsQueue)
            .SendMessageAsync("not an endorsement request");
        await Eventually.True(() => fixture.Logs.Lines.Any(l => l.Contains($"An unreadable message reached {StorageNames.EndorsementConfirmationsPoisonQueue}")));
    }
}

/// <summary>Every bad endorsement gets its status and a problem+json answer, and stores nothing.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class EndorsementBadInputTests(LocalHostFixture fixture)
{
    public static TheoryData<string, Func<HttpContent>, HttpStatusCode, string[]> BadBodies => new()
    {
        { "malformed JSON", () => Requests.Raw("{\"organization\": {", "application/json"), HttpStatusCode.BadRequest, ["body"] },
        { "empty JSON object", () => Requests.Raw("{}", "application/json"), HttpStatusCode.BadRequest,
            ["organization.name", "organization.website", "organization.scope", "signer.name", "signer.title", "signer.email", "list_publicly"] },
        { "consent not answered", () => Endorse.Organization("NYIC", "https://nyic.org", "m@nyic.org", listPublicly: null), HttpStatusCode.BadRequest, ["list_publicly"] },
        { "bad website and scope", () => Endorse.Organization("NYIC", "javascript:alert(1)", "m@nyic.org", scope: "planet"), HttpStatusCode.BadRequest,
            ["organization.website", "organization.scope"] },
        { "invalid email", () => Endorse.Organization("NYIC", "https://nyic.org", "m@@nyic"), HttpStatusCode.BadRequest, ["signer.email"] },
        { "individual on a letter for organisations", () => Endorse.Individual("Juan", "juan@example.org"), HttpStatusCode.BadRequest, ["type"] },
        { "form missing fields", () => Requests.Form(("organization_name", "NYIC")), HttpStatusCode.BadRequest,
            ["website", "scope", "signer_name", "signer_title", "signer_email"] },
        { "return URL not allowed", () => Requests.Form(("organization_name", "NYIC"), ("website", "nyic.org"), ("scope", "national"),
            ("signer_name", "M"), ("signer_title", "D"), ("signer_email", "m@nyic.org"), ("return_url", "https://evil.example/")), HttpStatusCode.BadRequest, ["return_url"] },
        { "body over 16 KB", () => Endorse.Organization(new string('n', 17_000), "https://nyic.org", "m@nyic.org"), HttpStatusCode.RequestEntityTooLarge, [] },
        { "plain text", () => Requests.Raw("organization_name=NYIC", "text/plain"), HttpStatusCode.UnsupportedMediaType, [] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_endorsement_gets_its_status_and_stores_nothing(string because, Func<HttpContent> body, HttpStatusCode status, string[] fields)
    {
        var letter = await fixture.NewLetterAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements", body());

        Assert.True(status == answer.StatusCode, $"{because}: expected {status}, got {answer.StatusCode}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await Endorse.JsonAsync(answer);
        if (fields.Length > 0)
        {
            Assert.Equal(fields.Order().ToArray(), problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToArray());
            Assert.All(problem.GetProperty("errors").EnumerateObject(), e => Assert.Equal(1, e.Value.GetArrayLength()));
        }
        Assert.Empty(await fixture.EndorsementRowsAsync(letter.Slug));
    }

    [Fact]
    public async Task Errors_are_worded_in_the_language_asked_for()
    {
        var letter = await fixture.NewLetterAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{letter.Slug}/endorsements?lang=es", Requests.Raw("{\"list_publicly\":true}", "application/json"));

        var problem = await Endorse.JsonAsync(answer);
        Assert.Equal("Algunos campos necesitan corrección.", problem.GetProperty("title").GetString());
        Assert.Equal("Este campo es obligatorio.", problem.GetProperty("errors").GetProperty("organization.name")[0].GetString());
    }

    [Fact]
    public async Task A_petition_an_unknown_slug_a_closed_letter_and_a_disallowed_origin_are_refused_and_store_nothing()
    {
        var petition = await fixture.NewCampaignAsync();
        var closed = await fixture.NewLetterAsync(c => c with { State = CampaignState.Closed });
        var letter = await fixture.NewLetterAsync();
        HttpContent Body() => Endorse.Organization("NYIC", "https://nyic.org", "m@nyic.org");

        var notALetter = await fixture.Http.PostAsync($"campaigns/{petition.Slug}/endorsements", Body());
        var unknown = await fixture.Http.PostAsync("campaigns/no-such-letter/endorsements", Body());
        var closedAnswer = await fixture.Http.PostAsync($"campaigns/{closed.Slug}/endorsements", Body());
        var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{letter.Slug}/endorsements") { Content = Body() };
        fromElsewhere.Headers.Add("Origin", "https://evil.example");
        var disallowed = await fixture.Http.SendAsync(fromElsewhere);
        var listOfPetition = await fixture.Http.GetAsync($"campaigns/{petition.Slug}/endorsements");

        Assert.Equal(HttpStatusCode.NotFound, notALetter.StatusCode);
        Assert.EndsWith("not-a-letter", (await Endorse.JsonAsync(notALetter)).GetProperty("type").GetString());
        Assert.EndsWith("campaign-not-found", (await Endorse.JsonAsync(unknown)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.Conflict, closedAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, disallowed.StatusCode);
        Assert.False(disallowed.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.NotFound, listOfPetition.StatusCode);
        foreach (var slug in new[] { petition.Slug, closed.Slug, letter.Slug })
            Assert.Empty(await fixture.EndorsementRowsAsync(slug));
    }

    [Fact]
    public async Task An_allowed_page_gets_its_preflight_and_cors_answer()
    {
        var letter = await fixture.NewLetterAsync();
        var preflight = new HttpRequestMessage(HttpMethod.Options, $"campaigns/{letter.Slug}/endorsements");
        preflight.Headers.Add("Origin", "https://partner.example");
        var post = new HttpRequestMessage(HttpMethod.Post, $"campaigns/{letter.Slug}/endorsements")
        {
            Content = Endorse.Organization("Partner Org", "https://partner-org.example", "p@partner-org.example"),
        };
        post.Headers.Add("Origin", "https://partner.example");

        var preflightAnswer = await fixture.Http.SendAsync(preflight);
        var postAnswer = await fixture.Http.SendAsync(post);

        Assert.Equal(HttpStatusCode.NoContent, preflightAnswer.StatusCode);
        Assert.Equal("https://partner.example", Assert.Single(preflightAnswer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(HttpStatusCode.Accepted, postAnswer.StatusCode);
        Assert.Equal("https://partner.example", Assert.Single(postAnswer.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Moderation_needs_the_admin_role_and_checks_its_body()
    {
        var letter = await fixture.NewLetterAsync();

        var deliverer = await fixture.AdminClient(AdminRoles.Deliver).GetAsync(new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements"));
        var badState = await fixture.ModerateAsync(letter.Slug, "published", "org-" + new string('a', 64));
        var noKeys = await fixture.ModerateAsync(letter.Slug, "approved");
        var missing = await fixture.AdminClient(AdminRoles.Admin).PostAsJsonAsync(
            new Uri(fixture.Http.BaseAddress!, $"manage/campaigns/{letter.Slug}/endorsements/org-{new string('a', 64)}/moderation"), new { state = "approved" });

        Assert.Equal(HttpStatusCode.Forbidden, deliverer.StatusCode);
        Assert.Equal(["state"], (await Endorse.JsonAsync(badState)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(["keys"], (await Endorse.JsonAsync(noKeys)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
