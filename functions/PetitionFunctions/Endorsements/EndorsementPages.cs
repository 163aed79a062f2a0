using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Endorsements;

/// <summary>
/// The pages an endorsement's confirm link opens: the same small, self-contained, never cached, never
/// indexed HTML as the signature confirm pages, worded for endorsements.
/// </summary>
public static class EndorsementPages
{
    public static IActionResult Confirmed(Campaign campaign, Language language) =>
        HtmlPages.Message(200, language, EndorsementMessages.ConfirmedTitle, EndorsementMessages.ConfirmedText(campaign.Title));

    public static IActionResult Expired(Language language) =>
        HtmlPages.Message(410, language, LinkPageMessages.ExpiredTitle, EndorsementMessages.ExpiredText);

    /// <summary>The same page for a tampered, truncated or unknown link: it tells nothing about why.</summary>
    public static IActionResult NotValid(Language language) =>
        HtmlPages.Message(400, language, LinkPageMessages.NotValidTitle, EndorsementMessages.NotValidText);

    public static IActionResult TryAgainLater(Language language) =>
        HtmlPages.Message(503, language, LinkPageMessages.TryAgainTitle, EndorsementMessages.TryAgainText);
}
