using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using PetitionFunctions.Common;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Email;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

[Collection(LocalHostCollection.Name)]
public sealed class SigningTests(LocalHostFixture fixture)
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Http.BaseAddress };

    [Fact]
    public async Task A_json_signature_a_form_signature_and_a_duplicate_leave_one_row_per_person_and_two_messages()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync();
        var url = $"campaigns/{campaign.Slug}/signatures";

        var json = await _http.PostAsync(url, Requests.Osdi("Ana", "Pérez", "ana.perez@example.org"));
        var form = await _http.PostAsync(url, Requests.Form(("given_name", "Luis"), ("family_name", "Gómez"),
            ("email", "luis@example.org"), ("postal_code", "11201"), ("language", "es"), ("return_url", "https://partner.example/thank-you")));
        var duplicate = await _http.PostAsync(url, Requests.Osdi("Ana", "Pérez", "Ana.Perez@Example.org"));

        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal("https://partner.example/thank-you", form.Headers.Location!.AbsoluteUri);
        Assert.Equal(HttpStatusCode.Accepted, duplicate.StatusCode);
        Assert.Equal(await json.Content.ReadAsStringAsync(), await duplicate.Content.ReadAsStringAsync());

        var rows = await fixture.SignatureRowsAsync(campaign.Slug);
        Assert.Equal(2, rows.Count(r => !r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)));
        // Each outbox row waits for the email consumer (held off in this fixture) to clear it.
        Assert.Equal(2, rows.Count(r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)));
        Assert.Equal(2, (await fixture.MessagesForAsync(campaign.Slug)).Count);
    }

    [Fact]
    public async Task A_repeated_form_post_gets_the_same_redirect_as_the_first()
    {
        var campaign = await fixture.NewCampaignAsync();
        HttpContent Body() => Requests.Form(("given_name", "Rosa"), ("family_name", "Luna"), ("email", "rosa@example.org"),
            ("postal_code", "10027"), ("return_url", "http://localhost:8080/thank-you?from=embed"));

        var first = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Body());
        var second = await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Body());

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal("http://localhost:8080/thank-you?from=embed", first.Headers.Location!.AbsoluteUri);
        Assert.Equal(first.StatusCode, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
    }

    [Fact]
    public async Task Two_hundred_concurrent_posts_of_the_same_person_across_partners_and_formats_leave_one_row_one_outbox_row_and_one_message()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync();
        const string thankYou = "https://partner.example/thank-you";
        var emails = new[] { "marta.rios@gmail.com", "MartaRios+petition@googlemail.com", "Marta.Rios@Gmail.com" };
        HttpContent Body(int i) => i % 2 == 0
            ? Requests.Osdi("Marta", "Ríos", emails[i % 3], source: $"partner-{i % 5}")
            : Requests.Form(("given_name", "Marta"), ("family_name", "Ríos"), ("email", emails[i % 3]), ("postal_code", "10027"),
                ("source", $"partner-{i % 5}"), ("return_url", thankYou));
        var posts = Enumerable.Range(0, 200).Select(async i => (Json: i % 2 == 0, Answer: await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Body(i))));

        var answers = await Task.WhenAll(posts);

        var json = answers.Where(a => a.Json).Select(a => a.Answer).ToList();
        var forms = answers.Where(a => !a.Json).Select(a => a.Answer).ToList();
        Assert.All(json, answer => Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode));
        var receipts = await Task.WhenAll(json.Select(a => a.Content.ReadAsStringAsync()));
        Assert.Single(receipts.Distinct());
        Assert.All(forms, answer => Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode));
        Assert.All(forms, answer => Assert.Equal(thankYou, answer.Headers.Location!.AbsoluteUri));
        var rows = await fixture.SignatureRowsAsync(campaign.Slug);
        var signature = Assert.Single(rows, r => !r.RowKey.Contains('-'));
        Assert.Single(rows, r => r.RowKey == "outbox-" + signature.RowKey);
        Assert.Single(rows, r => r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        Assert.Single(await fixture.MessagesForAsync(campaign.Slug));
    }

    [Fact]
    public async Task The_stored_row_holds_no_plaintext_personal_data_and_decrypts_to_what_was_signed()
    {
        var campaign = await fixture.NewCampaignAsync();
        await _http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("=HYPERLINK(\"x\")", "Quispe", "wayra.quispe@example.org", postalCode: "10458", language: "es", comments: "Mi familia vive con miedo."));

        var row = Assert.Single(await fixture.SignatureRowsAsync(campaign.Slug), r => !r.RowKey.StartsWith("outbox-", StringComparison.Ordinal));
        var raw = string.Join("|", row.Select(property => property.Value?.ToString()));
        Assert.DoesNotContain("wayra", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Quispe", raw);
        Assert.DoesNotContain("miedo", raw);
        Assert.Equal("es", row.GetString("Language"));
        Assert.Equal("104", row.GetString("PostalPrefix"));
        Assert.Equal(nameof(SignatureState.Unconfirmed), row.GetString("State"));

        var details = PersonalDetails.Unprotect(fixture.Service<PersonalDataCipher>(), campaign.Slug, row.RowKey, row.GetString("Personal"));
        Assert.Equal("wayra.quispe@example.org", details.Email);
        Assert.Equal("'=HYPERLINK(\"x\")", details.GivenName);
        Assert.Equal("Mi familia vive con miedo.", details.Comments);
    }

    [Fact]
    public async Task Signatures_of_one_campaign_spread_over_sixteen_partitions()
    {
        var campaign = await fixture.NewCampaignAsync();
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Signer", $"Number {i}", $"signer{i}@example.org"))));

        var rows = (await fixture.SignatureRowsAsync(campaign.Slug)).Where(r => !r.RowKey.StartsWith("outbox-", StringComparison.Ordinal)).ToList();
        Assert.Equal(120, rows.Count);
        Assert.Equal(16, rows.Select(r => r.PartitionKey).Distinct().Count());
        Assert.All(rows, r => Assert.Equal($"{campaign.Slug}:{r.RowKey[0]}", r.PartitionKey));
    }

    [Fact]
    public async Task Confirmation_messages_are_base64_as_the_functions_queue_trigger_expects()
    {
        await fixture.Confirmations.ClearMessagesAsync();
        var campaign = await fixture.NewCampaignAsync();
        await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Ana", "Pérez", "ana@example.org"));

        var plain = new QueueClient(fixture.Azurite.ConnectionString, StorageNames.ConfirmationsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var raw = Assert.Single((await plain.PeekMessagesAsync(32)).Value).Body.ToString();
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
        using var message = JsonDocument.Parse(decoded);
        Assert.Equal(campaign.Slug, message.RootElement.GetProperty("campaign").GetString());
        Assert.Equal(64, message.RootElement.GetProperty("key").GetString()!.Length);
        Assert.DoesNotContain("ana@example.org", decoded);
    }

    [Fact]
    public async Task No_email_name_or_comment_reaches_the_logs()
    {
        var campaign = await fixture.NewCampaignAsync();
        await _http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Yesenia", "Zacarías", "yesenia.z@example.org", comments: "Detenida en una parada de tránsito"));
        await _http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Yesenia", "Zacarías", "yesenia.z@example.org", comments: "Detenida en una parada de tránsito"));
        await _http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Yesenia", "Zacarías", "not-an-email"));

        Assert.Contains(fixture.Logs.Lines, line => line.Contains(campaign.Slug));
        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains("yesenia", StringComparison.OrdinalIgnoreCase)
                                                          || line.Contains("Zacar") || line.Contains("parada") || line.Contains("not-an-email"));
    }
}
