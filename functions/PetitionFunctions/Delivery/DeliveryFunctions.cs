using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Delivery;

public sealed class DeliveryFunctions(DeliveryScheduler scheduler, DeliverySender sender, DeliveryTable deliveries, CampaignTable campaigns,
    SignatureAnonymisation anonymisation)
{
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
    [RequiresRole(AdminRoles.Deliver, AdminRoles.Admin)]
    public async Task<IActionResult> RequestDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/deliveries")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (milestone, problem, errors) = await ReadMilestoneAsync(request, cancellationToken);
        if (problem is { } unreadable) return errors is null ? Problems.For(unreadable, language) : Problems.Fields(errors, language, unreadable);
        if (milestone!.Value is { } id && !DeliveryRules.IsMilestoneId(id)) return NotDue(language, []);

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
    [RequiresRole(AdminRoles.Deliver, AdminRoles.Admin)]
    public async Task<IActionResult> ListDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AdminRoutes.Root + "/campaigns/{slug}/deliveries")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return Problems.For(ProblemKind.CampaignNotFound, HttpAnswers.LanguageOf(request));
        return Json(new { campaign = slug, deliveries = await deliveries.ListAsync(slug, cancellationToken) });
    }

    [Function(nameof(GetDelivery))]
    [RequiresRole(AdminRoles.Deliver, AdminRoles.Admin)]
    public async Task<IActionResult> GetDelivery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AdminRoutes.Root + "/campaigns/{slug}/deliveries/{id}")] HttpRequest request,
        string slug,
        string id,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        if (await campaigns.FindAsync(slug, cancellationToken) is null) return Problems.For(ProblemKind.CampaignNotFound, language);
        return await deliveries.FindAsync(slug, id, cancellationToken) is { } found
            ? Json(found.Delivery)
            : new NotFoundObjectResult(new ProblemDetails
            {
                Type = Problems.TypePrefix + "delivery-not-found",
                Title = DeliveryMessages.DeliveryNotFound.In(language),
                Status = StatusCodes.Status404NotFound,
            });
    }

    /// <summary>
    /// The milestone in the body (null for none), or what is wrong with the body. No body at all, or
    /// one of white space, asks for an on-demand delivery; any other body is read as every request body
    /// is (JSON only, 16 KB, UTF-8, strict JSON).
    /// </summary>
    private static async Task<(Optional? Milestone, ProblemKind? Problem, FieldErrors? Errors)> ReadMilestoneAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.ContentType))
            return request.ContentLength == 0 || await request.Body.ReadAsync(new byte[1], cancellationToken) == 0
                ? (new Optional(null), null, null)
                : (null, ProblemKind.UnsupportedContentType, null);
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return (null, problem, null);
        if (body!.Format != BodyFormat.Json) return (null, ProblemKind.UnsupportedContentType, null);
        if (string.IsNullOrWhiteSpace(body.Text)) return (new Optional(null), null, null);

        var errors = new FieldErrors();
        using var json = JsonBody.ParseObject(body.Text, errors);
        if (json is null) return (null, ProblemKind.MalformedBody, errors);
        var milestone = JsonBody.Text(json.RootElement, "milestone", "milestone", errors);
        return errors.IsEmpty ? (new Optional(milestone), null, null) : (null, ProblemKind.InvalidFields, errors);
    }

    private sealed record Optional(string? Value);

    private static IActionResult NotDue(Language language, IReadOnlyList<string> dueNow)
    {
        var errors = new FieldErrors();
        errors.Add("milestone", DeliveryMessages.MilestoneNotDue(dueNow));
        return Problems.Fields(errors, language);
    }

    private static DeliveryAnswer Answer(DeliveryRecord delivery) => new DeliveryAnswer(delivery.DeliveryId, delivery.State);

    private sealed record DeliveryAnswer(string DeliveryId, DeliveryState State);

    private static string LocationOf(HttpRequest request, DeliveryRecord delivery) =>
        $"{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{Uri.EscapeDataString(delivery.DeliveryId)}";

    private static JsonResult Json(object value) => new JsonResult(value, ApiJson.Options);
}
