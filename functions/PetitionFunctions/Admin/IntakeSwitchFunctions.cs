using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>The app-wide kill switch under /api/manage/intake: GET shows it, PUT {"paused": true|false} sets it (role Petitions.Admin).</summary>
public sealed class IntakeSwitchFunctions(IntakeSwitch intakeSwitch)
{
    private const string Intake = AdminRoutes.Root + "/intake";

    [Function(nameof(AdminGetIntakeSwitch))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminGetIntakeSwitch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Intake)] HttpRequest request) =>
        new OkObjectResult(await intakeSwitch.AllAsync());

    [Function(nameof(AdminSetIntakeSwitch))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminSetIntakeSwitch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Intake)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (json, problem) = await AdminRequests.ReadJsonAsync(request, cancellationToken);
        if (problem is { } unreadable) return Problems.For(unreadable, language);
        var (paused, errors) = IntakePauseRequest.Parse(json!);
        if (paused is not { } value) return Problems.Fields(errors, language);
        return new OkObjectResult(await intakeSwitch.SetAllAsync(value, AdminRequests.ActorOf(request), cancellationToken));
    }
}

/// <summary>The body of PUT /api/manage/intake: {"paused": true} or {"paused": false}, nothing else.</summary>
public static class IntakePauseRequest
{
    public static (bool? Paused, FieldErrors Errors) Parse(string json) =>
        AdminRequests.ParseOneField<bool>(json, "paused", (paused, errors) =>
        {
            if (paused.ValueKind is JsonValueKind.True or JsonValueKind.False) return paused.GetBoolean();
            errors.Add("paused", AdminMessages.WrongType);
            return null;
        });
}
