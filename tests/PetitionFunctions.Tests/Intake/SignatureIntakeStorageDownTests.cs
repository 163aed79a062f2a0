using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Counting;
using PetitionFunctions.Intake;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;
using PetitionFunctions.Email;
using PetitionFunctions.Tests.Support;

namespace PetitionFunctions.Tests.Intake;

/// <summary>SignatureIntake against mocked storage: what happens when the table or the queue fails.</summary>
public class SignatureIntakeStorageDownTests
{
    private const string Slug = "clean-water";

    private const string ValidJson = """
        {
          "person": {
            "given_name": "Ana",
            "family_name": "Pérez",
            "preferred_language": "es",
            "email_addresses": [ { "address": "ana@example.org" } ],
            "postal_addresses": [ { "postal_code": "90210" } ]
          }
        }
        """;

    private static readonly RequestBody ValidBody = new(BodyFormat.Json, ValidJson);

    private readonly Mock<TableClient> _campaignTable = new();
    private readonly Mock<TableClient> _signatureTable = new();
    private readonly Mock<TableClient> _summaryTable = new();
    private readonly Mock<QueueClient> _queue = new();
    private readonly SignatureIntake _intake;

    public SignatureIntakeStorageDownTests()
    {
        var tables = new Mock<TableServiceClient>();
        tables.Setup(t => t.GetTableClient(StorageNames.CampaignsTable)).Returns(_campaignTable.Object);
        tables.Setup(t => t.GetTableClient(StorageNames.SignaturesTable)).Returns(_signatureTable.Object);
        tables.Setup(t => t.GetTableClient(StorageNames.SummariesTable)).Returns(_summaryTable.Object);
        tables.Setup(t => t.GetTableClient(StorageNames.SettingsTable)).Returns(_summaryTable.Object);
        var noSummary = new Mock<NullableResponse<TableEntity>>();
        noSummary.SetupGet(r => r.HasValue).Returns(false);
        _summaryTable
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(noSummary.Object);
        var queues = new Mock<QueueServiceClient>();
        queues.Setup(q => q.GetQueueClient(StorageNames.ConfirmationsQueue)).Returns(_queue.Object);

        var secrets = TestSecrets.Options(TestSecrets.Valid());
        var limiter = new RateLimiter(new RateLimitTable(tables.Object), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new IntakeOptions()), NullLogger<RateLimiter>.Instance);
        var reads = new CampaignReads(new CampaignTable(tables.Object), new SummaryTable(tables.Object), TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new CountingOptions { ReadCacheDuration = TimeSpan.Zero }),
            NullLogger<CampaignReads>.Instance);
        _intake = new SignatureIntake(
            new SubmissionDoor(
                reads,
                new IntakeSwitch(new SettingsTable(tables.Object), TimeProvider.System,
                    Microsoft.Extensions.Options.Options.Create(new CountingOptions { ReadCacheDuration = TimeSpan.Zero }), NullLogger<IntakeSwitch>.Instance),
                TimeProvider.System,
                NullLogger<SubmissionDoor>.Instance),
            new SignatureTable(tables.Object),
            new EmailOutbox<SignatureOutbox>(
                new SignatureOutbox(reads, new SignatureTable(tables.Object), new LinkTokens(secrets, TimeProvider.System),
                    new PublicLinks(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()), new PersonalDataCipher(secrets),
                    new SubmissionGuard(limiter, new SenderHashes(secrets), NullLogger<SubmissionGuard>.Instance),
                    Microsoft.Extensions.Options.Options.Create(new EmailOptions())),
                new CampaignTable(tables.Object), queues.Object, new Mock<IEmailTransport>(MockBehavior.Strict).Object,
                new EmailRetryRounds(EmailRetryRounds.DefaultRounds, EmailRetryRounds.DefaultFirstDelay),
                new MailboxAllowance(tables.Object, secrets, Microsoft.Extensions.Options.Options.Create(new EmailOptions()), TimeProvider.System),
                new SendingBudget(tables.Object, Microsoft.Extensions.Options.Options.Create(new EmailOptions()), TimeProvider.System), TimeProvider.System,
                NullLogger<EmailOutbox<SignatureOutbox>>.Instance),
            new DedupeKeys(secrets),
            new SignatureGuard(
                new SubmissionGuard(
                    limiter, new SenderHashes(secrets), NullLogger<SubmissionGuard>.Instance),
                limiter,
                new SenderHashes(secrets),
                new CaptchaVerifier(new Mock<IHttpClientFactory>(MockBehavior.Strict).Object,
                    Microsoft.Extensions.Options.Options.Create(new CaptchaOptions()), NullLogger<CaptchaVerifier>.Instance)),
            new PersonalDataCipher(secrets),
            TimeProvider.System,
            Microsoft.Extensions.Options.Options.Create(new IntakeOptions()),
            NullLogger<SignatureIntake>.Instance);
    }

    private static Campaign OpenCampaign(CampaignState state = CampaignState.Open) => new()
    {
        Slug = Slug,
        Kind = CampaignKind.Petition,
        Title = new LocalizedText("Clean water", "Agua limpia"),
        Description = new LocalizedText("Description", "Descripción"),
        CallToAction = new LocalizedText("Sign", "Firme"),
        Target = new CampaignTarget("Mayor", "Mayor of Town", "mayor@town.example"),
        Goal = 1000,
        State = state,
        ReturnUrls = ["https://partner.example/thank-you"],
    };

    /// <summary>A row as <see cref="CampaignTable.SaveAsync"/> writes it.</summary>
    private static TableEntity CampaignRow(Campaign campaign) => new("campaign", campaign.Slug)
    {
        ["Kind"] = campaign.Kind.ToString(),
        ["State"] = campaign.State.ToString(),
        ["Document"] = JsonSerializer.Serialize(campaign, ApiJson.Options),
    };

    private void CampaignLookupReturns(Campaign? campaign)
    {
        var response = new Mock<NullableResponse<TableEntity>>();
        response.SetupGet(r => r.HasValue).Returns(campaign is not null);
        response.SetupGet(r => r.Value).Returns(campaign is null ? null : CampaignRow(campaign));
        _campaignTable
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>("campaign", Slug, It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(response.Object);
    }

    /// <summary>The stored row of someone who already signed, last emailed at <paramref name="lastEmailRequestedAt"/>.</summary>
    private void ExistingSignatureRow(DateTimeOffset lastEmailRequestedAt)
    {
        _signatureTable
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string partition, string key, IEnumerable<string> _, CancellationToken _) =>
            {
                var row = new TableEntity(partition, key)
                {
                    ["State"] = nameof(SignatureState.Unconfirmed),
                    ["Language"] = "es",
                    ["PostalPrefix"] = "902",
                    ["ReceivedAt"] = lastEmailRequestedAt,
                    ["Personal"] = "k1:AAAA",
                    ["EmailRequests"] = 1,
                    ["LastEmailRequestedAt"] = lastEmailRequestedAt,
                    ["EmailsSent"] = 1,
                    ["LastSentSequence"] = 1,
                    ETag = new ETag("W/\"1\""),
                };
                return Response.FromValue(row, Mock.Of<Response>());
            });
        // The household query finds no other member, and the row's details (unreadable here) name nobody else: a repeat.
        _signatureTable
            .Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<TableEntity>.FromPages([]));
    }

    private void CampaignLookupThrows(Exception failure) =>
        _campaignTable
            .Setup(t => t.GetEntityIfExistsAsync<TableEntity>(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<IEnumerable<string>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);

    private void TransactionSucceeds() =>
        _signatureTable
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));

    private void TransactionThrows(Exception failure) =>
        _signatureTable
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(failure);

    private void VerifyNoTransaction() =>
        _signatureTable.Verify(
            t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Never);

    private void VerifyNoMessageSent()
    {
        _queue.Verify(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _queue.Verify(q => q.SendMessageAsync(It.IsAny<string>()), Times.Never);
        _queue.Verify(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<TimeSpan?>(), It.IsAny<TimeSpan?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(_queue.Invocations);
    }

    private void VerifyOutboxNotCleared() =>
        _signatureTable.Verify(
            t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>()), Times.Never);

    private Task<IntakeOutcome> Submit(RequestBody? body = null, Language language = Language.En) =>
        _intake.SubmitAsync(Slug, body ?? ValidBody, language, new Requester(Origin: null), CancellationToken.None);

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(0)]
    public async Task Campaign_table_unavailable_is_refused_as_storage_unavailable(int status)
    {
        CampaignLookupThrows(new RequestFailedException(status, "down"));

        var outcome = await Submit(language: Language.Es);

        var refused = Assert.IsType<IntakeOutcome.Refused>(outcome);
        Assert.Equal(ProblemKind.StorageUnavailable, refused.Problem);
        Assert.Equal(Language.Es, refused.Language);
        VerifyNoTransaction();
        VerifyNoMessageSent();
    }

    [Fact]
    public async Task Network_failure_on_the_campaign_table_is_refused_as_storage_unavailable()
    {
        CampaignLookupThrows(new HttpRequestException("connection refused"));

        var outcome = await Submit();

        var refused = Assert.IsType<IntakeOutcome.Refused>(outcome);
        Assert.Equal(ProblemKind.StorageUnavailable, refused.Problem);
        VerifyNoTransaction();
        VerifyNoMessageSent();
    }

    [Fact]
    public async Task A_client_side_storage_failure_is_not_reported_as_unavailable()
    {
        CampaignLookupThrows(new RequestFailedException(400, "bad request"));

        var thrown = await Assert.ThrowsAsync<RequestFailedException>(() => Submit());

        Assert.Equal(400, thrown.Status);
        VerifyNoTransaction();
        VerifyNoMessageSent();
    }

    [Fact]
    public async Task A_repeated_signature_is_received_like_a_new_one_and_queues_nothing()
    {
        CampaignLookupReturns(OpenCampaign());
        TransactionThrows(new RequestFailedException(409, "EntityAlreadyExists"));
        ExistingSignatureRow(lastEmailRequestedAt: DateTimeOffset.UtcNow); // within the resend cool-down

        var outcome = await Submit();

        var received = Assert.IsType<IntakeOutcome.Received>(outcome);
        Assert.Equal(Language.Es, received.Language); // from the body's preferred_language
        Assert.Null(received.ReturnUrl);              // JSON submissions are not redirected
        _signatureTable.Verify(
            t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()), Times.Once);
        VerifyNoMessageSent();
        VerifyOutboxNotCleared();
    }

    [Fact]
    public async Task A_repeated_signature_after_the_cool_down_queues_a_second_email()
    {
        CampaignLookupReturns(OpenCampaign());
        var batches = new List<List<TableTransactionAction>>();
        _signatureTable
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Returns((IEnumerable<TableTransactionAction> actions, CancellationToken _) =>
            {
                batches.Add(actions.ToList());
                return batches.Count == 1
                    ? Task.FromException<Response<IReadOnlyList<Response>>>(new RequestFailedException(409, "EntityAlreadyExists"))
                    : Task.FromResult(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
            });
        ExistingSignatureRow(lastEmailRequestedAt: DateTimeOffset.UtcNow - EmailAllowance.DefaultCooldown - TimeSpan.FromMinutes(1));
        string? message = null;
        _queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, CancellationToken>((text, _) => message = text)
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("id", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "pop", DateTimeOffset.UtcNow), Mock.Of<Response>()));

        var outcome = await Submit();

        Assert.IsType<IntakeOutcome.Received>(outcome);
        _queue.Verify(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        var request = EmailRequest.Parse(message!);
        Assert.Equal(Slug, request.Campaign);
        Assert.Equal(2, request.Sequence);
        Assert.Equal(EmailKind.Confirm, request.Kind);
        Assert.Equal(2, batches.Count); // the refused insert, then the claim with its outbox row
        Assert.Equal(TableTransactionActionType.UpdateReplace, batches[1][0].ActionType);
        Assert.Equal(new ETag("W/\"1\""), batches[1][0].ETag); // conditional on the row as read: of concurrent repeats one wins
        Assert.Equal(request.Key, batches[1][0].Entity.RowKey);
    }

    [Fact]
    public async Task Signature_table_unavailable_is_refused_and_queues_nothing()
    {
        CampaignLookupReturns(OpenCampaign());
        TransactionThrows(new RequestFailedException(503, "down"));

        var outcome = await Submit();

        var refused = Assert.IsType<IntakeOutcome.Refused>(outcome);
        Assert.Equal(ProblemKind.StorageUnavailable, refused.Problem);
        VerifyNoMessageSent();
        VerifyOutboxNotCleared();
    }

    [Fact]
    public async Task Queue_unavailable_after_storing_is_received_and_keeps_the_outbox_row()
    {
        CampaignLookupReturns(OpenCampaign());
        TransactionSucceeds();
        _queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "queue down"));

        var outcome = await Submit();

        Assert.IsType<IntakeOutcome.Received>(outcome);
        _queue.Verify(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        VerifyOutboxNotCleared();
    }

    [Fact]
    public async Task A_new_signature_is_stored_with_its_outbox_row_and_queued_leaving_the_outbox_to_the_email_consumer()
    {
        CampaignLookupReturns(OpenCampaign());
        List<TableTransactionAction>? actions = null;
        _signatureTable
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((a, _) => actions = a.ToList())
            .ReturnsAsync(Response.FromValue<IReadOnlyList<Response>>([], Mock.Of<Response>()));
        string? message = null;
        _queue.Setup(q => q.SendMessageAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback<string, CancellationToken>((text, _) => message = text)
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.SendReceipt("id", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "pop", DateTimeOffset.UtcNow), Mock.Of<Response>()));

        var outcome = await Submit();

        Assert.IsType<IntakeOutcome.Received>(outcome);
        Assert.NotNull(actions);
        Assert.Equal(2, actions.Count);
        Assert.All(actions, a => Assert.Equal(TableTransactionActionType.Add, a.ActionType));
        var row = (TableEntity)actions[0].Entity;
        var outbox = (TableEntity)actions[1].Entity;
        Assert.Matches("^[0-9a-f]{64}$", row.RowKey);
        Assert.Equal(DedupeKeys.PartitionOf(Slug, row.RowKey), row.PartitionKey);
        Assert.Equal(row.PartitionKey, outbox.PartitionKey);
        Assert.Equal("outbox-" + row.RowKey, outbox.RowKey);
        Assert.Equal("es", row.GetString("Language"));
        Assert.Equal("902", row.GetString("PostalPrefix"));
        Assert.DoesNotContain("ana@example.org", row.GetString("Personal"));

        Assert.NotNull(message);
        Assert.Equal(new EmailRequest(Slug, row.RowKey), EmailRequest.Parse(message));
        Assert.DoesNotContain("ana", message);
        VerifyOutboxNotCleared();
    }

    [Fact]
    public async Task A_missing_campaign_is_refused_without_storing()
    {
        CampaignLookupReturns(null);

        var outcome = await Submit();

        var refused = Assert.IsType<IntakeOutcome.Refused>(outcome);
        Assert.Equal(ProblemKind.CampaignNotFound, refused.Problem);
        VerifyNoTransaction();
        VerifyNoMessageSent();
    }

    [Fact]
    public async Task A_closed_campaign_is_refused_without_storing()
    {
        CampaignLookupReturns(OpenCampaign(CampaignState.Closed));

        var outcome = await Submit();

        var refused = Assert.IsType<IntakeOutcome.Refused>(outcome);
        Assert.Equal(ProblemKind.CampaignClosed, refused.Problem);
        VerifyNoTransaction();
        VerifyNoMessageSent();
    }

    [Fact]
    public async Task Invalid_fields_are_refused_without_storing()
    {
        CampaignLookupReturns(OpenCampaign());

        var outcome = await Submit(new RequestBody(BodyFormat.Json, """{ "person": { "given_name": "Ana" } }"""));

        var refused = Assert.IsType<IntakeOutcome.Refused>(outcome);
        Assert.Equal(ProblemKind.InvalidFields, refused.Problem);
        Assert.True(refused.Errors!.Has("person.email_addresses[0].address"));
        VerifyNoTransaction();
        VerifyNoMessageSent();
    }
}
