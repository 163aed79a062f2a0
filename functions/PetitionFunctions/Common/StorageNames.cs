using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace PetitionFunctions.Common;

/// <summary>Every table and queue the app uses, in one place, so start-up and infrastructure can create them.</summary>
public static class StorageNames
{
    public const string ConnectionSetting = "AzureWebJobsStorage";
    public const string CampaignsTable = "Campaigns";
    public const string SignaturesTable = "Signatures";
    public const string JournalArchiveTable = "JournalArchive";
    public const string SummariesTable = "Summaries";
    public const string DeliveriesTable = "Deliveries";
    public const string EndorsementsTable = "Endorsements";
    public const string ConfirmationsQueue = "confirmations";
    public const string ConfirmationsPoisonQueue = ConfirmationsQueue + "-poison";

    // The confirmations queue's further shards (Email:ConfirmationQueues), each with its own trigger: past one
    // queue's 2,000 messages a second (docs/scale.md).
    public const string ConfirmationsQueue1 = ConfirmationsQueue + "-1";
    public const string ConfirmationsQueue2 = ConfirmationsQueue + "-2";
    public const string ConfirmationsQueue3 = ConfirmationsQueue + "-3";
    public const string ConfirmationsPoisonQueue1 = ConfirmationsQueue1 + "-poison";
    public const string ConfirmationsPoisonQueue2 = ConfirmationsQueue2 + "-poison";
    public const string ConfirmationsPoisonQueue3 = ConfirmationsQueue3 + "-poison";

    /// <summary>The confirmations queue's shards, in order: a message goes to the shard of its signature's partition.</summary>
    public static readonly string[] ConfirmationQueues = [ConfirmationsQueue, ConfirmationsQueue1, ConfirmationsQueue2, ConfirmationsQueue3];
    public const string DeliveriesQueue = "deliveries";
    public const string EndorsementConfirmationsQueue = "endorsement-confirmations";
    public const string EndorsementConfirmationsPoisonQueue = EndorsementConfirmationsQueue + "-poison";
    public const string StoriesTable = "Stories";
    public const string StoryEmailsQueue = "story-emails";
    public const string StoryEmailsPoisonQueue = StoryEmailsQueue + "-poison";
    public const string RateLimitsTable = "RateLimits";
    public const string SettingsTable = "Settings";
    public const string TrendsTable = "Trends";
    public const string PartnerKeysTable = "PartnerKeys";

    public static readonly string[] Tables = [CampaignsTable, SignaturesTable, JournalArchiveTable, SummariesTable, DeliveriesTable, StoriesTable, EndorsementsTable, RateLimitsTable, SettingsTable, TrendsTable, PartnerKeysTable];
    public static readonly string[] Queues = [.. ConfirmationQueues, DeliveriesQueue, StoryEmailsQueue, EndorsementConfirmationsQueue];

    public static string PoisonQueue(string queue) => queue + "-poison";
}
