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

/// <summary><c>GET /v1/cases/{caseId}</c>: for an agency that is a party to at least one referral of the case.</summary>
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
            .WithSummary("The case's chain of referrals; subject details only where the caller is a party.")
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

        // Every link of the chain is shown, at least by its ids and status, so each is recorded.
        await recorder.RecordAsync(http, AccessActions.ReadCase, [.. chain.Select(r => r.Id)], ct);

        var now = clock.Now();
        var referrals = chain.Select(r => new CaseReferral(
            r.Id, r.PreviousReferralId, r.FromAgencyId, r.ToAgencyId, Codes.Parse<ReferralStatus>(r.Status),
            Codes.FromJsonList<Service>(r.ServicesRequested), r.CreatedAt, r.UpdatedAt,
            r.FromAgencyId == agency || r.ToAgencyId == agency ? ReferralView.For(cipher.Open(r), agency, now).Subject : null)).ToList();
        return TypedResults.Ok(new CaseResponse(caseId, openedAt, referrals));
    }
}
