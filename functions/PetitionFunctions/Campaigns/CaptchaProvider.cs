namespace PetitionFunctions.Campaigns;

// The settings a campaign document carries for the stages that act on them (intake's rate limits and
// captcha, delivery's rules). They live with Campaign, so the campaign does not depend on those stages.

public enum CaptchaProvider
{
    Turnstile,
    Hcaptcha,
}
