using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using PetitionFunctions.Admin;
using PetitionFunctions.Campaigns;
using PetitionFunctions.Common;
using PetitionFunctions.Confirmation;
using PetitionFunctions.Signatures;

namespace PetitionFunctions.Partners;

/// <summary>
/// A partner's own signers, for its OSDI sync: <c>GET /api/campaigns/{slug}/signatures</c> with a
/// <c>read</c> key in <c>OSDI-API-Token</c>. Only confirmed signatures counted under the key's partner source
/// are listed, in the admin listing's OSDI shape, with the same paging and filters.
/// </summary>
public sealed class PartnerSignatureFunctions(PartnerKeys keys, CampaignTable campaigns, SignatureAdmin signatures, PublicLinks links)
{
    [Function(nameof(PartnerListSignatures))]
    public async Task<IActionResult> PartnerListSignatures(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "campaigns/{slug}/signatures")] HttpRequest request,
        string slug,
        CancellationToken cancellationToken)
    {
        // Personal data: never kept by a cache on the way.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var language = HttpAnswers.LanguageOf(request);
        try
        {
            if (await campaigns.FindAsync(slug, cancellationToken) is null) return Problems.For(ProblemKind.CampaignNotFound, language);
            var access = await keys.CheckAsync(request.Headers[PartnerTokens.Header], slug, PartnerScopes.Read, cancellationToken);
            if (access is not PartnerAccess.Granted granted) return Problems.For(((PartnerAccess.Refused)access).Problem, language);
            var (query, errors) = SignatureQuery.Parse(request.Query["page"], request.Query["per_page"], null, request.Query["modified_since"], request.Query["filter"]);
            if (query is null) return Problems.Fields(errors, language);
            var page = await signatures.PageAsync(slug, query with { State = SignatureState.Confirmed },
                new Uri(links.BaseUrl, $"api/campaigns/{slug}/signatures"), granted.Key.Partner, cancellationToken);
            return HalJson.Answer(page);
        }
        catch (Exception e) when (StorageFailures.IsUnavailable(e))
        {
            return Problems.For(ProblemKind.StorageUnavailable, language);
        }
    }
}
