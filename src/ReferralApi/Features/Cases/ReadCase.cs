using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Cases;

/// <summary>
/// <c>GET /v1/cases/{caseId}</c>: for an agency that is or was a party to at least one referral of
/// the case. A party sees the referrals it is or was a party to; of the others only that they exist
/// and their statuses, so an agency that declined once does not follow the victim's later path.
/// </summary>
internal static class ReadCase
{
    public static async Task<Ok<CaseResponse>> Handle(
        Guid caseId, HttpContext http, ClaimsPrincipal user, ReferralStore referralStore, CaseStore cases, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;
        var chain = await referralStore.CaseReferralsSealedAsync(caseId, ct);
        if (!chain.Any(r => IsParty(r, agency)))
        {
            throw ApiProblem.NotFound();
        }

        var openedAt = await cases.OpenedAtAsync(caseId, ct);

        // Only the caller's own links are shown; the others are counted, not read.
        await recorder.RecordReadAsync(http, AccessActions.ReadCase, [.. chain.Where(r => IsParty(r, agency)).Select(r => r.Id)], ct);

        var now = clock.Now();
        var referrals = chain.Where(r => IsParty(r, agency)).Select(r => new CaseReferral(
            r.Id, r.PreviousReferralId, r.FromAgencyId, r.ToAgencyId, Codes.Parse<ReferralStatus>(r.Status),
            Codes.FromJsonList<Service>(r.ServicesRequested), r.CreatedAt, r.UpdatedAt,
            ReferralView.For(referralStore.Open(r), agency, now).Subject)).ToList();
        var others = chain.Where(r => !IsParty(r, agency)).ToList();
        var byStatus = others.GroupBy(r => Codes.Parse<ReferralStatus>(r.Status)).OrderBy(g => g.Key).Select(g => new CaseStatusCount(g.Key, g.Count())).ToList();
        return TypedResults.Ok(new CaseResponse(caseId, openedAt, referrals, new CaseOtherReferrals(others.Count, byStatus)));
    }

    private static bool IsParty(ReferralRow referral, Guid agency) => referral.FromAgencyId == agency || referral.ToAgencyId == agency;
}
