using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary><c>GET /v1/referrals/{id}</c> and <c>GET /v1/referrals/{id}/status</c>: for the two parties only.</summary>
internal static class ReadReferral
{
    public static async Task<Ok<ReferralResponse>> Get(Guid id, HttpContext http, ClaimsPrincipal user, ReferralStore store, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;
        var row = await store.FindVisibleAsync(id, agency, ct) ?? throw ApiProblem.NotFound();
        await recorder.RecordReadAsync(http, AccessActions.Read, [id], ct);
        http.Response.SetVersion(row.Version);
        return TypedResults.Ok(ReferralView.For(row, agency, clock.Now()));
    }

    public static async Task<Ok<ReferralStatusResponse>> Status(Guid id, HttpContext http, ClaimsPrincipal user, StatusHistoryStore history, AccessRecorder recorder, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;

        var status = await history.ReadVisibleAsync(id, agency, ct) ?? throw ApiProblem.NotFound();
        await recorder.RecordReadAsync(http, AccessActions.ReadStatus, [id], ct);
        http.Response.SetVersion(status.Version);
        return TypedResults.Ok(new ReferralStatusResponse(id, Codes.Parse<ReferralStatus>(status.Status), status.Version, status.UpdatedAt, [.. status.History.Select(e => e.ToEntry())]));
    }
}
