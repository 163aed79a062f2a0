using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>The whole life of a signature, through the runtime's HTTP front, queue triggers and the admin API.</summary>
public abstract class SignToDeliveryTests<TFixture>(TFixture app) where TFixture : AppFixture
{
    [EndToEndFact]
    public async Task A_json_and_a_form_signature_are_emailed_confirmed_counted_and_delivered()
    {
        var campaign = await app.NewCampaignAsync(change: c => c with { Target = c.Target with { DeliveryEmail = $"office-{c.Slug}@example.org" } });
        var ana = $"ana.{Guid.NewGuid():n}@example.org";
        var luis = $"luis.{Guid.NewGuid():n}@example.org";

        var json = await app.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
            Requests.Osdi("Ana", "Pérez", ana, language: "es", source: "partner-ndlon"));
        using var browser = app.Browser();
        var form = await browser.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Form(
            ("given_name", "Luis"), ("family_name", "Gómez"), ("email", luis), ("postal_code", "11201"),
            ("language", "en"), ("source", "partner-cuav"), ("return_url", "https://partner.example/thank-you")));

        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, form.StatusCode);
        Assert.Equal("https://partner.example/thank-you", form.Headers.Location!.AbsoluteUri);

        // The queue trigger writes each signer's confirmation email, in the language they signed in.
        var toAna = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, ana, 1));
        var toLuis = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, luis, 1));
        Assert.Contains("firma", toAna.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("signature", toLuis.Subject, StringComparison.OrdinalIgnoreCase);
        foreach (var email in new[] { toAna, toLuis })
        {
            var confirm = await Outbox.ConfirmLink(email).FollowAsync(app.Http);
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        }

        var admin = app.AdminClient(AdminRoles.Admin, AdminRoles.Deliver);
        var rollup = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/rollups", null);
        Assert.Equal(HttpStatusCode.OK, rollup.StatusCode);
        Assert.Equal(2, (await rollup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
        var count = await app.Http.GetFromJsonAsync<JsonElement>($"campaigns/{campaign.Slug}/count");
        Assert.Equal(2, count.GetProperty("count").GetInt32());

        var delivery = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/deliveries", null);
        Assert.Equal(HttpStatusCode.Accepted, delivery.StatusCode);
        var packet = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, campaign.Target.DeliveryEmail, 1));
        Assert.Contains("Confirmed signatures: 2", packet.TextBody);
        var csv = Encoding.UTF8.GetString(Bytes(Assert.Single(packet.Attachments.OfType<MimePart>())));
        Assert.Contains("\"Ana\",\"Pérez\"", csv);
        Assert.Contains("\"Luis\",\"Gómez\"", csv);
        Assert.DoesNotContain("@", csv);
    }

    [EndToEndFact]
    public async Task An_unconfirmed_signature_is_not_counted()
    {
        var campaign = await app.NewCampaignAsync();
        var rosa = $"rosa.{Guid.NewGuid():n}@example.org";

        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Rosa", "Díaz", rosa))).StatusCode);
        await Outbox.WaitForAsync(app.OutboxFolder, rosa, 1);
        var rollup = await app.AdminClient(AdminRoles.Admin).PostAsync($"manage/campaigns/{campaign.Slug}/rollups", null);

        Assert.Equal(0, (await rollup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32());
    }

    [EndToEndFact]
    public async Task A_signers_name_and_email_never_reach_the_runtimes_log()
    {
        var campaign = await app.NewCampaignAsync();
        var family = "Quiñónez" + Guid.NewGuid().ToString("n")[..8];
        var email = $"{family.ToLowerInvariant()}@example.org";

        Assert.Equal(HttpStatusCode.Accepted, (await app.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Beatriz", family, email))).StatusCode);
        var confirmation = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, email, 1));
        Assert.Equal(HttpStatusCode.OK, (await Outbox.ConfirmLink(confirmation).FollowAsync(app.Http)).StatusCode);
        await app.AdminClient(AdminRoles.Admin).GetAsync($"manage/campaigns/{campaign.Slug}/signatures");

        var log = string.Join("\n", app.Log);
        Assert.Contains(campaign.Slug, log);
        Assert.DoesNotContain(family, log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email[..email.IndexOf('@')], log, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[] Bytes(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }
}

[Collection(RealHostCollection.Name)]
public sealed class SignToDeliveryOnRealHost(RealHostFixture app) : SignToDeliveryTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class SignToDeliveryOnStandIn(StandInFixture app) : SignToDeliveryTests<StandInFixture>(app);
