using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Email;

namespace PetitionFunctions.Admin;

/// <summary>
/// The app-wide email budget under /api/manage/email-budget: GET shows it, PUT {"per_minute": n} sets it
/// (0: no budget), role Petitions.Admin. Every instance picks a change up within half a minute.
/// </summary>
public sealed class EmailBudgetFunctions(SendingBudget budget, ILogger<EmailBudgetFunctions> log)
{
    private const string Route = AdminRoutes.Root + "/email-budget";

    [Function(nameof(AdminGetEmailBudget))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminGetEmailBudget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Route)] HttpRequest request, CancellationToken cancellationToken) =>
        new OkObjectResult(View(await budget.FindAsync(cancellationToken)));

    [Function(nameof(AdminSetEmailBudget))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminSetEmailBudget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } unreadable) return Problems.For(unreadable, language);
        var (perMinute, errors) = EmailBudgetRequest.Parse(json!);
        if (perMinute is not { } value) return Problems.Fields(errors, language);
        var actor = AdminRequests.ActorOf(request);
        var saved = await budget.SaveAsync(value, actor, cancellationToken);
        log.LogWarning("Admin {Actor} set the email budget to {PerMinute} a minute.", actor, value);
        return new OkObjectResult(View(saved));
    }

    private static object View(EmailBudget budget) => new
    {
        per_minute = budget.PerMinute,
        source = budget.Source,
        changed_at = budget.ChangedAt,
        changed_by = budget.ChangedBy,
    };
}

/// <summary>The body of PUT /api/manage/email-budget: {"per_minute": 0…100000}, nothing else.</summary>
public static class EmailBudgetRequest
{
    public const int Max = 100_000;

    public static (int? PerMinute, FieldErrors Errors) Parse(string json) =>
        AdminRequests.ParseOneField<int>(json, "per_minute", (perMinute, errors) =>
        {
            if (perMinute.ValueKind != JsonValueKind.Number || !perMinute.TryGetInt32(out var value)) errors.Add("per_minute", AdminMessages.WrongType);
            else if (value is < 0 or > Max) errors.Add("per_minute", AdminMessages.EmailBudgetRange);
            else return value;
            return null;
        });
}
