using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

public sealed class DeliveryFunctions(AdminAccess access, DeliveryScheduler scheduler, DeliverySender sender, DeliveryTable deliveries, CampaignTable campaigns,
    SignatureAnonymisation anonymisation)
{
    private const int MaxBodyBytes = 4 * 1024;

    /// <summary>Every five minutes: checks each campaign's delivery rules against its summary and queues what is due.</summary>
    [Function(nameof(CheckDeliveryRules))]
    public Task CheckDeliveryRules([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        scheduler.CheckAsync(cancellationToken);

    /// <summary>Every day: removes the personal details of signatures on campaigns whose final delivery is older than DataRights:AnonymiseAfterMonths.</summary>
    [Function(nameof(AnonymiseDeliveredCampaigns))]
    public Task AnonymiseDeliveredCampaigns([TimerTrigger("0 45 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        anonymisation.RunAsync(cancellationToken);

    /// <summary>Builds and sends a queued delivery. A transient email failure throws, so the queue retries; then the poison queue.</summary>
    [Function(nameof(SendDelivery))]
    public Task SendDelivery([QueueTrigger(StorageNames.DeliveriesQueue)] string message, CancellationToken cancellationToken) =>
        sender.SendAsync(DeliveryRequest.Parse(message), cancellationToken);

    /// <summary>Records a delivery whose message failed maxDequeueCount times as failed, and logs the campaign.</summary>
    [Function(nameof(GiveUpOnDelivery))]
    public Task GiveUpOnDelivery([QueueTrigger(StorageNames.DeliveriesQueue + "-poison")] string message, CancellationToken cancellationToken) =>
        sender.GiveUpAsync(message, cancellationToken);

    /// <summary>
    /// Queues a delivery now: 202 {"delivery_id","state"} with its Location. Body optional: {"milestone":"goal-2500"}
    /// asks for a milestone the rules make due (200 with the existing delivery if it already has one);
    /// without it, a new on-demand delivery.
    /// </summary>
    [Function(nameof(RequestDelivery))]
    public async Task<IActionResult> RequestDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/deliveries")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAsync(request, AdminRoles.Deliver, AdminRoles.Admin) is { } denied) return denied;
        var language = HttpAnswers.LanguageOf(request);
        if (await ReadMilestoneAsync(request, cancellationToken) is not { } milestone) return Problems.For(ProblemKind.MalformedBody, language);
        if (milestone.Value is { } id && !DeliveryRules.IsMilestoneId(id)) return NotDue(language, []);

        return await scheduler.RequestAsync(slug, milestone.Value, cancellationToken) switch
        {
            DeliveryRequestOutcome.Created created => new AcceptedResult(LocationOf(request, created.Delivery), Answer(created.Delivery)),
            DeliveryRequestOutcome.Existing existing => new OkObjectResult(Answer(existing.Delivery)),
            DeliveryRequestOutcome.NotDue notDue => NotDue(language, notDue.DueNow),
            _ => Problems.For(ProblemKind.CampaignNotFound, language),
        };
    }

    /// <summary>The campaign's deliveries, newest first.</summary>
    [Function(nameof(ListDeliveries))]
    public async Task<IActionResult> ListDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Root + "/campaigns/{slug}/deliveries")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAsync(request, AdminRoles.Deliver, AdminRoles.Admin) is { } denied) return denied;
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));
        return Json(new { campaign = slug, deliveries = await deliveries.ListAsync(slug, cancellationToken) });
    }

    [Function(nameof(GetDelivery))]
    public async Task<IActionResult> GetDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = AdminRoutes.Root + "/campaigns/{slug}/deliveries/{id}")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken)
    {
        if (await access.DenyUnlessAsync(request, AdminRoles.Deliver, AdminRoles.Admin) is { } denied) return denied;
        var language = HttpAnswers.LanguageOf(request);
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return Problems.For(ProblemKind.CampaignNotFound, language);
        return await deliveries.FindAsync(slug, id, cancellationToken) is { } found
            ? Json(found.Delivery)
            : new NotFoundObjectResult(new ProblemDetails
            {
                Type = Problems.TypePrefix + "delivery-not-found",
                Title = language == Language.Es ? "Esta campaña no tiene ninguna entrega con ese identificador." : "This campaign has no delivery with that id.",
                Status = StatusCodes.Status404NotFound,
            });
    }

    /// <summary>The milestone in the body (null for none), or null itself when the body is not what it should be.</summary>
    private static async Task<Optional?> ReadMilestoneAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        if (read > MaxBodyBytes) return null;
        var body = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(body)) return new Optional(null);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return null;
            if (!json.RootElement.TryGetProperty("milestone", out var milestone) || milestone.ValueKind == JsonValueKind.Null) return new Optional(null);
            return milestone.ValueKind == JsonValueKind.String ? new Optional(milestone.GetString()) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Optional(string? Value);

    private static IActionResult NotDue(Language language, IReadOnlyList<string> dueNow)
    {
        var errors = new FieldErrors();
        var list = dueNow.Count == 0 ? (language == Language.Es ? "ninguno" : "none") : string.Join(", ", dueNow);
        errors.Add("milestone", l => l == Language.Es
            ? $"Ese hito no corresponde a esta campaña ahora. Hitos pendientes: {list}. Sin hito, se hace una entrega a pedido."
            : $"That milestone is not due for this campaign now. Due now: {list}. Leave it out for an on-demand delivery.");
        return Problems.Fields(errors, language);
    }

    private static object Answer(DeliveryRecord delivery) => new DeliveryAnswer(delivery.DeliveryId, delivery.State);

    private sealed record DeliveryAnswer(string DeliveryId, DeliveryState State);

    private static string LocationOf(HttpRequest request, DeliveryRecord delivery) =>
        $"{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{Uri.EscapeDataString(delivery.DeliveryId)}";

    private static IActionResult Json(object value) => new JsonResult(value, ApiJson.Options);
}
