using Microsoft.AspNetCore.Mvc;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;

namespace PetitionFunctions.Confirmation;

/// <summary>
/// The pages a confirm link opens. Small, self-contained HTML in the signer's language; never cached,
/// never indexed, never sending a Referer that would carry the token elsewhere. The words are in
/// <see cref="ConfirmationMessages"/>.
/// </summary>
public static class ConfirmPages
{
    public static IActionResult Confirmed(Campaign campaign, Language language, bool awaitsReview) =>
        HtmlPages.Message(200, language, ConfirmationMessages.ConfirmedTitle,
            awaitsReview ? ConfirmationMessages.ConfirmedAwaitingReviewText(campaign.Title) : ConfirmationMessages.ConfirmedText(campaign.Title));

    public static IActionResult Expired(Language language) =>
        HtmlPages.Message(410, language, LinkPageMessages.ExpiredTitle, ConfirmationMessages.ExpiredText);

    public static IActionResult Withdrawn(Language language) =>
        HtmlPages.Message(410, language, ConfirmationMessages.WithdrawnTitle, ConfirmationMessages.WithdrawnText);

    /// <summary>The same page for a tampered, truncated or unknown link: it tells nothing about why.</summary>
    public static IActionResult NotValid(Language language) =>
        HtmlPages.Message(400, language, LinkPageMessages.NotValidTitle, ConfirmationMessages.NotValidText);

    public static IActionResult TryAgainLater(Language language) =>
        HtmlPages.Message(503, language, LinkPageMessages.TryAgainTitle, ConfirmationMessages.TryAgainText);
}
