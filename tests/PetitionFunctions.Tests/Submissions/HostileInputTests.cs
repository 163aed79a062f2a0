using System.Net;
using System.Text.Json;
using PetitionFunctions.Common;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Submissions;

/// <summary>
/// Every request in <see cref="HostileInputs"/>, over real HTTP against Azurite: the right 4xx, never a
/// 5xx, problem+json with one entry per field where fields are at fault, and storage (every row of every
/// table, every queue's length) exactly as it was.
/// </summary>
[Collection(HostileInputCollection.Name)]
public sealed class HostileInputTests(HostileInputFixture fixture)
{
    public static TheoryData<string> Cases()
    {
        var names = new TheoryData<string>();
        foreach (var hostile in HostileInputs.All) names.Add(hostile.Name);
        return names;
    }

    [Fact]
    public void The_catalogue_holds_at_least_200_distinct_requests()
    {
        Assert.True(HostileInputs.All.Count >= 200, $"only {HostileInputs.All.Count} cases");
        Assert.Equal(HostileInputs.All.Count, HostileInputs.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_storage_snapshot_sees_what_a_valid_request_stores()
    {
        var campaign = await fixture.NewCampaignAsync();
        var before = await fixture.SnapshotAsync();

        var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures", Requests.Osdi("Rosa", "Tito", "rosa.snapshot@example.org"));
        var changes = (await fixture.SnapshotAsync()).ChangesSince(before);
        await fixture.DrainQueuesAsync();

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Contains(changes, c => c.StartsWith($"written: Signatures/{campaign.Slug}:", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.StartsWith("queue confirmations: ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_and_stores_nothing(string name)
    {
        var hostile = HostileInputs.Named(name);
        var targets = await fixture.Targets;
        var before = await fixture.SnapshotAsync();

        using var answer = await fixture.Raw.SendAsync(hostile.Build(targets));
        var body = await answer.Content.ReadAsStringAsync();
        var changes = (await fixture.SnapshotAsync()).ChangesSince(before);

        var seen = $"{(int)answer.StatusCode} {answer.Content.Headers.ContentType}: {body[..Math.Min(body.Length, 400)]}";
        Assert.True(hostile.Status == answer.StatusCode, $"expected {(int)hostile.Status}, got {seen}");
        switch (hostile.Answer)
        {
            case HostileAnswer.Problem:
                AssertProblem(hostile, answer, body, seen);
                break;
            case HostileAnswer.Page:
                Assert.Equal("text/html", answer.Content.Headers.ContentType?.MediaType);
                Assert.DoesNotContain("<script>alert", body, StringComparison.OrdinalIgnoreCase);
                break;
        }
        Assert.True(changes.Count == 0, "stored: " + string.Join("; ", changes));
    }

    private static void AssertProblem(HostileCase hostile, HttpResponseMessage answer, string body, string seen)
    {
        Assert.True(answer.Content.Headers.ContentType?.MediaType == "application/problem+json", $"not problem+json: {seen}");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)hostile.Status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith(Problems.TypePrefix, problem.GetProperty("type").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (hostile.ProblemType is { } type) Assert.Equal(Problems.TypePrefix + type, problem.GetProperty("type").GetString());
        if (hostile.Fields is not { } fields) return;
        Assert.True(problem.TryGetProperty("errors", out var errors), $"no field errors: {seen}");
        Assert.True(fields.Order(StringComparer.Ordinal).SequenceEqual(errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)),
            $"expected errors for [{string.Join(", ", fields)}], got {seen}");
        Assert.All(errors.EnumerateObject(), e => Assert.Equal(1, e.Value.GetArrayLength()));
    }
}
