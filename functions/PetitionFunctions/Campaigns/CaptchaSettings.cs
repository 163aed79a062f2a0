namespace PetitionFunctions.Campaigns;

// The settings a campaign document carries for the stages that act on them (intake's rate limits and
// captcha, delivery's rules). They live with Campaign, so the campaign does not depend on those stages.

/// <summary>A campaign's captcha: which provider's widget the form shows, with the campaign's public site key.</summary>
public sealed record CaptchaSettings(CaptchaProvider Provider, string SiteKey);
