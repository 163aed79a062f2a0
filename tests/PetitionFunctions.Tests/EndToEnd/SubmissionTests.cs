using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.EndToEnd;

/// <summary>Endorsement and story intake through the runtime: the door, the queue-triggered emails, the links.</summary>
public abstract class SubmissionTests<TFixture>(TFixture app) where TFixture : AppFixture
{
    [EndToEndFact]
    public async Task An_organisation_endorses_confirms_by_email_and_reaches_the_moderation_queue()
    {
        var letter = await app.NewCampaignAsync(CampaignKind.Letter);
        var email = $"director.{Guid.NewGuid():n}@casanorte.example";

        var answer = await app.Http.PostAsync($"campaigns/{letter.Slug}/endorsements",
            Endorse.Organization("Casa Norte", "https://casanorte.example", email, language: "es"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var confirmation = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, email, 1));
        var confirmed = await Endorse.ConfirmLink(confirmation).FollowAsync(app.Http);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("confirmado", await confirmed.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var queue = await app.AdminClient(AdminRoles.Admin).GetFromJsonAsync<JsonElement>($"manage/campaigns/{letter.Slug}/endorsements");
        Assert.Contains("Casa Norte", queue.ToString());
    }

    [EndToEndFact]
    public async Task A_story_is_taken_and_its_writer_gets_a_receipt_with_a_withdraw_link()
    {
        var stories = await app.NewCampaignAsync(CampaignKind.Stories);
        var contact = $"xochitl.{Guid.NewGuid():n}@example.org";

        var answer = await app.Http.PostAsync($"campaigns/{stories.Slug}/stories", JsonContent.Create(new Dictionary<string, object?>
        {
            ["story"] = "Me detuvieron por una luz trasera rota y terminé en un centro de detención durante tres meses.",
            ["language"] = "es",
            ["name"] = "Xochitl Ybarra",
            ["contact"] = contact,
            ["county_or_city"] = "Condado de Suffolk",
            ["consent"] = "publish_anonymously",
            ["may_contact"] = true,
            ["send_confirmation"] = true,
        }));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var receipt = Assert.Single(await Outbox.WaitForAsync(app.OutboxFolder, contact, 1));
        var link = EmailLink.In(receipt, "stories/withdraw");
        var question = await app.Http.GetAsync(link.Path);
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        Assert.Contains("¿Retirar su historia?", await question.Content.ReadAsStringAsync());
        var withdrawn = await link.FollowAsync(app.Http);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains("Su historia fue retirada", await withdrawn.Content.ReadAsStringAsync());
    }
}

[Collection(RealHostCollection.Name)]
public sealed class SubmissionsOnRealHost(RealHostFixture app) : SubmissionTests<RealHostFixture>(app);

[Collection(StandInCollection.Name)]
public sealed class SubmissionsOnStandIn(StandInFixture app) : SubmissionTests<StandInFixture>(app);
