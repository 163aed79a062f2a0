using PetitionFunctions.Common;
using PetitionFunctions.Signatures;
using PetitionFunctions.Submissions;

namespace PetitionFunctions.Admin;

/// <summary>A campaign's captcha as an admin sends it; provider "none" removes it.</summary>
public sealed record CaptchaInput(string? Provider, string? SiteKey);
