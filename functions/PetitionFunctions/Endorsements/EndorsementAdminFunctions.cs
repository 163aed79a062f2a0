using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Access;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>Moderation of a letter's endorsements, for admins with Petitions.Admin.</summary>
public sealed class EndorsementAdminFunctions(EndorsementModeration moderation)
{
    /// <summary>Every endorsement of a letter with the signer's details; <c>?moderation=pending</c> narrows it.</summary>
    [Function(nameof(AdminListEndorsements))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminListEndorsements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = AdminRoutes.Root + "/campaigns/{slug}/endorsements")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        Answer(await moderation.ListAsync(slug, request.Query["moderation"], AdminRequests.ActorOf(request), cancellationToken), request);

    /// <summary>Bulk: <c>{"keys":["org-…","person-…"],"state":"approved"}</c> (or rejected, or pending).</summary>
    [Function(nameof(AdminModerateEndorsements))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminModerateEndorsements(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/endorsements/moderation")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await AdminBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        var (keys, state, errors) = ModerationRequest.Read(document!.RootElement, keyFromRoute: null);
        document.Dispose();
        if (!errors.IsEmpty) return Problems.Fields(errors, HttpAnswers.LanguageOf(request));
        return Answer(await moderation.ModerateAsync(slug, keys!, state!.Value, AdminRequests.ObjectIdOf(request), cancellationToken), request);
    }

    /// <summary>One endorsement: <c>{"state":"approved"}</c>.</summary>
    [Function(nameof(AdminModerateEndorsement))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminModerateEndorsement(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/endorsements/{key}/moderation")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await AdminBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        var (keys, state, errors) = ModerationRequest.Read(document!.RootElement, keyFromRoute: key);
        document.Dispose();
        if (!errors.IsEmpty) return Problems.Fields(errors, HttpAnswers.LanguageOf(request));
        var outcome = await moderation.ModerateAsync(slug, keys!, state!.Value, AdminRequests.ObjectIdOf(request), cancellationToken);
        if (outcome is ModerationOutcome.Done { Body: ModerationResult { Updated.Count: 0 } })
            return Problems.For(ProblemKind.EndorsementNotFound, HttpAnswers.LanguageOf(request));
        return Answer(outcome, request);
    }

    /// <summary>Applies or discards the pending change a repeat submission left: <c>{"decision":"apply"}</c> or <c>"discard"</c>.</summary>
    [Function(nameof(AdminResolveEndorsementChange))]
    [RequiresRole(AdminRoles.Admin)]
    public async Task<IActionResult> AdminResolveEndorsementChange(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = AdminRoutes.Root + "/campaigns/{slug}/endorsements/{key}/change")] HttpRequest request,
        string slug,
        string key,
        CancellationToken cancellationToken)
    {
        var (document, problem) = await AdminBody.ReadAsync(request, cancellationToken);
        if (problem is not null) return problem;
        string? decision;
        using (document)
            decision = document!.RootElement.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (decision is not ("apply" or "discard"))
        {
            var errors = new FieldErrors();
            errors.Add("decision", ModerationMessages.InvalidDecision);
            return Problems.Fields(errors, HttpAnswers.LanguageOf(request));
        }
        return Answer(await moderation.ResolveChangeAsync(slug, key, decision == "apply", cancellationToken), request);
    }

    private static IActionResult Answer(ModerationOutcome outcome, HttpRequest request) => outcome switch
    {
        ModerationOutcome.Done done => new OkObjectResult(done.Body),
        ModerationOutcome.Refused refused => Problems.For(refused, HttpAnswers.LanguageOf(request)),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };
}

/// <summary>Reads a moderation request's keys and state, with one error per field.</summary>
public static class ModerationRequest
{
    public static (IReadOnlyList<string>? Keys, ModerationState? State, FieldErrors Errors) Read(JsonElement root, string? keyFromRoute)
    {
        var errors = new FieldErrors();
        ModerationState? state = null;
        if (!root.TryGetProperty("state", out var s) || s.ValueKind != JsonValueKind.String) errors.Add("state", FieldMessages.Required);
        else if (!Enum.TryParse<ModerationState>(s.GetString(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
                 || int.TryParse(s.GetString(), out _))
            errors.Add("state", ModerationMessages.InvalidState);
        else state = parsed;

        if (keyFromRoute is not null) return ([keyFromRoute], state, errors);
        var keys = new List<string>();
        if (!root.TryGetProperty("keys", out var list) || list.ValueKind != JsonValueKind.Array) errors.Add("keys", FieldMessages.NotAList);
        else
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String) { errors.Add("keys", FieldMessages.NotText); break; }
                keys.Add(item.GetString()!);
            }
            if (keys.Count is 0 or > EndorsementModeration.MaxKeys) errors.Add("keys", ModerationMessages.TooManyKeys);
        }
        return (keys, state, errors);
    }
}

/// <summary>A moderation request's JSON body: 16 KB at most, like every public body, and a JSON object.</summary>
public static class AdminBody
{
    public static async Task<(JsonDocument? Document, IActionResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var language = HttpAnswers.LanguageOf(request);
        var (body, problem) = await RequestBody.ReadAsync(request, cancellationToken);
        if (problem is { } p) return (null, Problems.For(p, language));
        if (body!.Format != BodyFormat.Json) return (null, Problems.For(ProblemKind.UnsupportedContentType, language));
        var document = JsonBody.Parse(body.Text, maxDepth: 8);
        if (document?.RootElement.ValueKind == JsonValueKind.Object) return (document, null);
        document?.Dispose();
        var errors = new FieldErrors();
        errors.Add("body", FieldMessages.NotAnObject);
        return (null, Problems.Fields(errors, language, ProblemKind.MalformedBody));
    }
}
