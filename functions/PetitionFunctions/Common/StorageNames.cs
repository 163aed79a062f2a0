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
    public static readonly string[] Queues = [ConfirmationsQueue, DeliveriesQueue, StoryEmailsQueue, EndorsementConfirmationsQueue];

    public static string PoisonQueue(string queue) => queue + "-poison";
}
