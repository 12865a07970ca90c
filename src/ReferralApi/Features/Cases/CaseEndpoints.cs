using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Cases;

/// <summary>
/// <c>GET /v1/cases/{caseId}</c>: for an agency that is or was a party to at least one referral of
/// the case. A party sees the referrals it is or was a party to; of the others only that they exist
/// and their statuses, so an agency that declined once does not follow the victim's later path.
/// </summary>
internal static class CaseEndpoints
{
    public static readonly string SelectChain = $"""
        SELECT {ReferralRow.Columns} FROM referrals WHERE case_id = @CaseId ORDER BY created_at, id
        """;

    public const string SelectOpenedAt = "SELECT opened_at FROM cases WHERE id = @CaseId";

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cases/{caseId:guid}", Get).WithTags("Cases").WithName("GetCase")
            .RequireAuthorization(Policies.Agency)
            .WithSummary("The caller's referrals of the case (subject details as the referral rules allow); of the others only a count by status.")
            .ProducesProblems(403, 404);
        return app;
    }

    private static async Task<Ok<CaseResponse>> Get(Guid caseId, HttpContext http, ClaimsPrincipal user, Db db, PersonalDataCipher cipher, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;
        var (openedAt, chain) = await db.ReadAsync(async (connection, token) =>
        {
            var rows = (await connection.QueryAsync<ReferralRow>(new CommandDefinition(SelectChain, new { CaseId = caseId }, cancellationToken: token))).AsList();
            if (!rows.Exists(r => r.FromAgencyId == agency || r.ToAgencyId == agency))
            {
                throw ApiProblem.NotFound();
            }

            var opened = await connection.ExecuteScalarAsync<DateTimeOffset>(new CommandDefinition(SelectOpenedAt, new { CaseId = caseId }, cancellationToken: token));
            return (opened, rows);
        }, ct);

        // Only the caller's own links are shown; the others are counted, not read.
        await recorder.RecordAsync(http, AccessActions.ReadCase, [.. chain.Where(r => IsParty(r, agency)).Select(r => r.Id)], ct);

        var now = clock.Now();
        var referrals = chain.Where(r => IsParty(r, agency)).Select(r => new CaseReferral(
            r.Id, r.PreviousReferralId, r.FromAgencyId, r.ToAgencyId, Codes.Parse<ReferralStatus>(r.Status),
            Codes.FromJsonList<Service>(r.ServicesRequested), r.CreatedAt, r.UpdatedAt,
            ReferralView.For(cipher.Open(r), agency, now).Subject)).ToList();
        var others = chain.Where(r => !IsParty(r, agency)).ToList();
        var byStatus = others.GroupBy(r => Codes.Parse<ReferralStatus>(r.Status)).OrderBy(g => g.Key).Select(g => new CaseStatusCount(g.Key, g.Count())).ToList();
        return TypedResults.Ok(new CaseResponse(caseId, openedAt, referrals, new CaseOtherReferrals(others.Count, byStatus)));
    }

    private static bool IsParty(ReferralRow referral, Guid agency) => referral.FromAgencyId == agency || referral.ToAgencyId == agency;
}
