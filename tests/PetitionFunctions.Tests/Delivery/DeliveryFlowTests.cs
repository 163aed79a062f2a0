using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using MimeKit;
using PetitionFunctions.Access;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Counting;
using PetitionFunctions.Delivery;
using PetitionFunctions.LocalHost;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Delivery;

/// <summary>
/// The Delivery stage end to end: sign and confirm past a small goal, check the rules, and the queue
/// function emails one packet with the CSV to the target's office; races and retries add nothing.
/// </summary>
public sealed class DeliveryFlowTests(DeliveryHostFixture fixture) : IClassFixture<DeliveryHostFixture>
{
    private static readonly string[] Signers = ["Ana", "Luis", "Marisol", "Omar"];

    private async Task<Campaign> CampaignWithGoalAsync(int goal, Func<Campaign, Campaign>? change = null)
    {
        var slug = "test-" + Guid.NewGuid().ToString("n")[..12];
        return await fixture.NewCampaignAsync(c => (change ?? (x => x))(c with
        {
            Slug = slug,
            Goal = goal,
            StretchGoals = [],
            Target = new CampaignTarget("Office of the Governor", "Governor", $"office-{slug}@example.org"),
            OwnerEmail = $"owner-{slug}@example.org",
        }));
    }

    /// <summary>Signs (each with a comment, one a formula), confirms every signature and rolls the count up.</summary>
    private async Task SignAndConfirmAsync(Campaign campaign, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var answer = await fixture.Http.PostAsync($"campaigns/{campaign.Slug}/signatures",
                Requests.Osdi(name, "Tester", $"{name.ToLowerInvariant()}-{campaign.Slug}@example.org", source: "partner-cuav",
                    comments: name == "Omar" ? "=HYPERLINK(\"http://evil.example\")" : $"{name} signs, \"for my family\""));
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }
        await fixture.ConfirmAllAsync(campaign.Slug);
        await fixture.Service<CountRollup>().RollupAsync(CancellationToken.None);
    }

    private List<MimeMessage> Packets(Campaign campaign) => Outbox.To(fixture.OutboxFolder, campaign.Target.DeliveryEmail);

    private async Task<DeliveryRecord?> RecordAsync(Campaign campaign, string id) =>
        (await fixture.Service<DeliveryTable>().FindAsync(campaign.Slug, id, CancellationToken.None))?.Delivery;

    private static byte[] Bytes(MimePart part)
    {
        using var buffer = new MemoryStream();
        part.Content!.DecodeTo(buffer);
        return buffer.ToArray();
    }

    [Fact]
    public async Task Past_the_goal_one_packet_reaches_the_office_with_the_signers_and_verifiable_hashes_and_never_a_second()
    {
        var campaign = await CampaignWithGoalAsync(3);
        await SignAndConfirmAsync(campaign, Signers);

        await fixture.Service<DeliveryScheduler>().CheckAsync(CancellationToken.None);

        await Eventually.True(async () => (await RecordAsync(campaign, "goal-3"))?.State == DeliveryState.Sent);
        var packet = Assert.Single(Packets(campaign));
        Assert.Equal([$"owner-{campaign.Slug}@example.org"], packet.Cc.Mailboxes.Select(m => m.Address));
        Assert.Contains("4 signatures", packet.Subject);
        var attachment = Assert.Single(packet.Attachments.OfType<MimePart>());
        Assert.Equal($"signers-{campaign.Slug}-goal-3.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType.MimeType);

        var bytes = Bytes(attachment);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        foreach (var name in Signers) Assert.Contains($"\"{name}\",\"Tester\",\"New York\",\"NY\",\"10027\"", csv);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv);
        Assert.Contains("\"Ana signs, \"\"for my family\"\"\"", csv);
        Assert.DoesNotContain("@", csv);
        Assert.DoesNotContain("email", csv, StringComparison.OrdinalIgnoreCase);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Contains(sha256, packet.TextBody);
        Assert.Contains(sha256, packet.HtmlBody);
        Assert.Contains("sha256sum", packet.TextBody);
        Assert.Contains("Confirmed signatures: 4", packet.TextBody);
        Assert.Contains("New since the last delivery: 4", packet.TextBody);
        Assert.Contains("NY: 4", packet.TextBody);
        Assert.Contains("partner-cuav: 4", packet.TextBody);
        Assert.Contains(campaign.Description.En, packet.TextBody);

        var record = (await RecordAsync(campaign, "goal-3"))!;
        Assert.Equal(4, record.TotalConfirmed);
        Assert.Equal(4, record.NewSinceLast);
        Assert.Equal(sha256, Assert.Single(record.Parts).Sha256);
        Assert.Equal(bytes.Length, record.Parts[0].Bytes);

        // The timer again, twice at once, racing an admin asking for the same milestone, and the message redelivered.
        var admin = fixture.AdminClient(AdminRoles.Deliver);
        var scheduler = fixture.Service<DeliveryScheduler>();
        var race = await Task.WhenAll(
            scheduler.CheckAsync(CancellationToken.None),
            scheduler.CheckAsync(CancellationToken.None),
            admin.PostAsJsonAsync($"manage/campaigns/{campaign.Slug}/deliveries", new { milestone = "goal-3" }).ContinueWith(t => (int)t.Result.StatusCode));
        Assert.Equal(200, race[2]);
        await fixture.Service<DeliveryQueue>().SendAsync(new DeliveryRequest(campaign.Slug, "goal-3"), CancellationToken.None);
        await fixture.Service<DeliverySender>().SendAsync(new DeliveryRequest(campaign.Slug, "goal-3"), CancellationToken.None);
        await Drain.QueueAsync(fixture.Service<QueueServiceClient>(), StorageNames.DeliveriesQueue);

        Assert.Single(Packets(campaign));
        var history = await admin.GetFromJsonAsync<JsonElement>($"manage/campaigns/{campaign.Slug}/deliveries");
        var only = Assert.Single(history.GetProperty("deliveries").EnumerateArray());
        Assert.Equal("goal-3", only.GetProperty("delivery_id").GetString());
        Assert.Equal("sent", only.GetProperty("state").GetString());
        Assert.DoesNotContain(fixture.Logs.Lines, l => Signers.Any(name => l.Contains($"{name} Tester")) || l.Contains($"-{campaign.Slug}@example.org"));
    }

    [Fact]
    public void The_host_serves_the_delivery_functions_a_timer_every_five_minutes_the_queue_and_its_poison_queue_and_the_admin_routes()
    {
        var served = fixture.Host.Functions.ToDictionary(f => f.Name, f => f.Describe("api"));
        Assert.Equal("timer 0 */5 * * * *", served["CheckDeliveryRules"]);
        Assert.Equal("queue deliveries", served["SendDelivery"]);
        Assert.Equal("queue deliveries-poison", served["GiveUpOnDelivery"]);
        Assert.Equal("POST  /api/manage/campaigns/{slug}/deliveries", served["RequestDelivery"]);
        Assert.Equal("GET,HEAD /api/manage/campaigns/{slug}/deliveries", served["ListDeliveries"]);
        Assert.Equal("GET,HEAD /api/manage/campaigns/{slug}/deliveries/{id}", served["GetDelivery"]);
    }

    [Fact]
    public async Task An_admin_delivery_on_demand_is_accepted_with_its_id_each_time_and_listed_newest_first()
    {
        var campaign = await CampaignWithGoalAsync(1000);
        await SignAndConfirmAsync(campaign, Signers[..2]);
        var admin = fixture.AdminClient(AdminRoles.Admin);

        var first = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/deliveries", null);
        var second = await admin.PostAsync($"manage/campaigns/{campaign.Slug}/deliveries", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstAnswer = await first.Content.ReadFromJsonAsync<JsonElement>();
        var secondAnswer = await second.Content.ReadFromJsonAsync<JsonElement>();
        var firstId = firstAnswer.GetProperty("delivery_id").GetString()!;
        var secondId = secondAnswer.GetProperty("delivery_id").GetString()!;
        Assert.StartsWith("manual-", firstId);
        Assert.NotEqual(firstId, secondId);
        Assert.Equal("queued", firstAnswer.GetProperty("state").GetString());
        Assert.Equal($"/api/manage/campaigns/{campaign.Slug}/deliveries/{firstId}", first.Headers.Location!.OriginalString);

        await Eventually.True(async () => (await RecordAsync(campaign, firstId))?.State == DeliveryState.Sent
                                          && (await RecordAsync(campaign, secondId))?.State == DeliveryState.Sent);
        Assert.Equal(2, Packets(campaign).Count);

        var one = await admin.GetFromJsonAsync<JsonElement>(first.Headers.Location!.OriginalString.Replace("/api/", ""));
        Assert.Equal("sent", one.GetProperty("state").GetString());
        Assert.Equal(2, one.GetProperty("total_confirmed").GetInt32());
        var list = await admin.GetFromJsonAsync<JsonElement>($"manage/campaigns/{campaign.Slug}/deliveries");
        Assert.Equal([secondId, firstId], list.GetProperty("deliveries").EnumerateArray().Select(d => d.GetProperty("delivery_id").GetString()));
    }

    [Fact]
    public async Task A_packet_over_the_part_limit_goes_as_numbered_parts_each_with_the_hash_of_its_bytes()
    {
        var campaign = await CampaignWithGoalAsync(1000);
        await SignAndConfirmAsync(campaign, ["Ana", "Luis", "Marisol", "Omar", "Rosa", "Teresa"]);
        var options = fixture.Service<IOptions<DeliveryOptions>>().Value;
        var limit = options.MaxPartBytes;
        options.MaxPartBytes = DeliveryCsv.PreambleBytes + 150; // about two rows a part
        try
        {
            var answer = await fixture.AdminClient(AdminRoles.Deliver).PostAsync($"manage/campaigns/{campaign.Slug}/deliveries", null);
            var id = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery_id").GetString()!;
            await Eventually.True(async () => (await RecordAsync(campaign, id))?.State == DeliveryState.Sent);

            var record = (await RecordAsync(campaign, id))!;
            Assert.True(record.Parts.Count >= 3, $"{record.Parts.Count} parts");
            var packets = Packets(campaign);
            Assert.Equal(record.Parts.Count, packets.Count);
            var rows = 0;
            foreach (var part in record.Parts)
            {
                var email = Assert.Single(packets, p => p.Subject?.EndsWith($"(part {part.Number} of {record.Parts.Count})", StringComparison.Ordinal) == true);
                var attachment = Assert.Single(email.Attachments.OfType<MimePart>());
                Assert.Equal(part.Name, attachment.FileName);
                var bytes = Bytes(attachment);
                Assert.Equal(part.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
                Assert.All(record.Parts, p => Assert.Contains(p.Sha256, email.TextBody));
                rows += Encoding.UTF8.GetString(bytes).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;
            }
            Assert.Equal(6, rows);
        }
        finally
        {
            options.MaxPartBytes = limit;
        }
    }

    [Fact]
    public async Task The_admin_endpoints_answer_401_without_a_token_403_without_the_role_404_for_an_unknown_campaign_and_400_for_a_milestone_not_due()
    {
        var campaign = await CampaignWithGoalAsync(1000);
        var path = $"manage/campaigns/{campaign.Slug}/deliveries";

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.PostAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Http.GetAsync(path + "/goal-1000")).StatusCode);
        var storiesOnly = fixture.AdminClient(AdminRoles.Stories);
        Assert.Equal(HttpStatusCode.Forbidden, (await storiesOnly.PostAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await storiesOnly.GetAsync(path)).StatusCode);

        var deliverer = fixture.AdminClient(AdminRoles.Deliver);
        Assert.Equal(HttpStatusCode.NotFound, (await deliverer.PostAsync("manage/campaigns/no-such-campaign/deliveries", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await deliverer.GetAsync("manage/campaigns/no-such-campaign/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await deliverer.GetAsync(path + "/goal-1000")).StatusCode);
        var notDue = await deliverer.PostAsJsonAsync(path, new { milestone = "goal-1000" });
        Assert.Equal(HttpStatusCode.BadRequest, notDue.StatusCode);
        Assert.Contains("milestone", await notDue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await deliverer.PostAsync(path, Requests.Raw("[1]", "application/json"))).StatusCode);
        Assert.Empty(await fixture.Service<DeliveryTable>().ListAsync(campaign.Slug, CancellationToken.None));
    }

    [Fact]
    public async Task The_azd_deliver_hook_gets_a_token_from_azd_and_queues_a_delivery()
    {
        var campaign = await CampaignWithGoalAsync(1000);
        var bin = Directory.CreateTempSubdirectory("azd-stand-in-").FullName;
        try
        {
            var tokenFile = Path.Combine(bin, "token");
            var argsFile = Path.Combine(bin, "args");
            await File.WriteAllTextAsync(tokenFile, fixture.Host.Tokens!.Create([AdminRoles.Deliver], TimeSpan.FromMinutes(10)));
            var azd = Path.Combine(bin, "azd");
            await File.WriteAllTextAsync(azd, $$"""
                #!/bin/sh
                echo "$*" >> '{{argsFile}}'
                if [ "$1" = auth ] && [ "$2" = token ]; then
                  printf '{\n  "token": "%s",\n  "expiresOn": "2030-01-01T00:00:00Z"\n}\n' "$(cat '{{tokenFile}}')"
                  exit 0
                fi
                echo "unexpected: azd $*" >&2
                exit 2
                """.Replace("\r\n", "\n"));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(azd, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            var (code, output, errors) = await RunHookAsync(bin, campaign.Slug);

            Assert.True(code == 0, $"exit {code}: {output} {errors}");
            var id = output.Split('\n').Single(l => l.StartsWith("delivery_id: ", StringComparison.Ordinal))["delivery_id: ".Length..].Trim();
            Assert.StartsWith("manual-", id);
            Assert.Contains("state: queued", output);
            Assert.NotNull(await RecordAsync(campaign, id));
            Assert.Contains($"auth token --output json --scope api://{DevelopmentTokens.ClientId}/.default", await File.ReadAllTextAsync(argsFile));

            // A token without the role: a clear message and a failing exit code.
            await File.WriteAllTextAsync(tokenFile, fixture.Host.Tokens!.Create([AdminRoles.Stories], TimeSpan.FromMinutes(10)));
            (code, _, errors) = await RunHookAsync(bin, campaign.Slug);
            Assert.NotEqual(0, code);
            Assert.Contains("403", errors);
            await File.WriteAllTextAsync(tokenFile, fixture.Host.Tokens!.Create([AdminRoles.Deliver], TimeSpan.FromMinutes(10)));
            (code, _, errors) = await RunHookAsync(bin, "no-such-campaign");
            Assert.NotEqual(0, code);
            Assert.Contains("404", errors);

            // Against the local host without azd: the development token in ADMIN_TOKEN, azd not asked.
            var asked = (await File.ReadAllLinesAsync(argsFile)).Length;
            (code, output, errors) = await RunHookAsync(bin, campaign.Slug,
                ("ADMIN_TOKEN", fixture.Host.Tokens!.Create([AdminRoles.Admin], TimeSpan.FromMinutes(10))), ("API_APP_ID", ""));
            Assert.True(code == 0, $"exit {code}: {output} {errors}");
            Assert.Contains("delivery_id: manual-", output);
            Assert.Equal(asked, (await File.ReadAllLinesAsync(argsFile)).Length);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private async Task<(int Code, string Output, string Errors)> RunHookAsync(string bin, string campaign, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("sh", [Path.Combine(RepositoryRoot.Find(), "infra", "hooks", "deliver.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["CAMPAIGN"] = campaign;
        start.Environment["API_URL"] = fixture.Host.BaseAddress.AbsoluteUri;
        start.Environment["API_APP_ID"] = DevelopmentTokens.ClientId;
        start.Environment.Remove("ADMIN_TOKEN");
        start.Environment.Remove("MILESTONE");
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await errors);
    }
}
