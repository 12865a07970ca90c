using ReferralApi.Features.AdminAudit;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Retention;

/// <summary>
/// <c>GET|PUT /v1/referrals/{id}/legal-hold</c>: either party may hold a referral's personal data
/// beyond retention for proceedings in court. Only the agency that set the hold releases it, so the
/// other party cannot clear the way for the next erasure pass; <c>PUT
/// /v1/admin/referrals/{id}/legal-hold</c> lets the admin set or release any hold.
/// </summary>
internal static class LegalHoldEndpoints
{
    public static WebApplicationBuilder AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.SectionName)
            .Validate(o => o.Years >= 1, "Retention:Years must be at least 1.")
            .Validate(o => o.Interval > TimeSpan.Zero && o.BatchSize > 0, "Retention:Interval and Retention:BatchSize must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RetentionJob>();
        builder.Services.AddHostedService<RetentionWorker>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLegalHold(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/referrals/{id:guid}/legal-hold").WithTags("Referrals").RequireAuthorization(Policies.Agency);
        group.MapGet("/", Get).WithName("GetLegalHold")
            .WithSummary("Whether the referral is held for proceedings in court, and when its personal data will be erased.")
            .ProducesProblems(403, 404);
        group.MapPut("/", Set).WithName("SetLegalHold")
            .WithSummary("Hold the referral's personal data beyond retention (either party), or release a hold this agency set.")
            .ProducesProblems(400, 403, 404, 413, 415);
        app.MapPut("/v1/admin/referrals/{id:guid}/legal-hold", SetAsAdmin).WithTags("Administration").WithName("AdminSetLegalHold")
            .AuditedAsAdmin("set_legal_hold")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Set or release any referral's legal hold (admin); the answer carries no personal data.")
            .ProducesProblems(400, 403, 404, 413, 415);
        return app;
    }

    private static async Task<Ok<LegalHoldResponse>> Get(
        Guid id, HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AccessRecorder recorder, IOptions<RetentionOptions> options, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;
        var row = await referrals.FindLegalHoldVisibleAsync(id, agency, ct) ?? throw ApiProblem.NotFound();
        await recorder.RecordReadAsync(http, AccessActions.ReadLegalHold, [id], ct);
        return TypedResults.Ok(ToResponse(row, options.Value));
    }

    private static async Task<Ok<LegalHoldResponse>> Set(
        Guid id, SetLegalHoldRequest request, HttpContext http, ClaimsPrincipal user, UnitOfWork unit, ReferralStore referrals, AccessRecorder recorder,
        IOptions<RetentionOptions> options, TimeProvider clock, CancellationToken ct)
    {
        Validate(request);
        var agency = Caller.From(user).Agency;
        var row = await unit.InTransactionAsync(async token =>
        {
            _ = await referrals.FindLegalHoldVisibleAsync(id, agency, token) ?? throw ApiProblem.NotFound();
            if (request.LegalHold!.Value)
            {
                await referrals.SetLegalHoldAsync(id, true, agency, clock.Now(), token);
            }
            else if (await referrals.ReleaseOwnLegalHoldAsync(id, agency, clock.Now(), token) == 0
                && (await referrals.FindLegalHoldVisibleAsync(id, agency, token))?.LegalHold == true)
            {
                // Read after the UPDATE, which waited for any concurrent change: a hold that exists now is another agency's.
                throw new ApiProblem(ProblemCodes.LegalHoldNotYours);
            }

            await recorder.RecordChangeAsync(http, AccessActions.SetLegalHold, [id], token);
            return await referrals.FindLegalHoldVisibleAsync(id, agency, token);
        }, ct);
        return TypedResults.Ok(ToResponse(row!, options.Value));
    }

    /// <summary>Runs in the transaction <see cref="AdminAuditFilter"/> opens, so the change and its audit row commit together.</summary>
    private static async Task<Ok<LegalHoldResponse>> SetAsAdmin(
        Guid id, SetLegalHoldRequest request, UnitOfWork unit, ReferralStore referrals, IOptions<RetentionOptions> options, TimeProvider clock, CancellationToken ct)
    {
        Validate(request);
        var row = await unit.InTransactionAsync(async token =>
        {
            _ = await referrals.FindLegalHoldAnyAsync(id, token) ?? throw ApiProblem.NotFound();
            await referrals.SetLegalHoldAsync(id, request.LegalHold!.Value, null, clock.Now(), token);
            return await referrals.FindLegalHoldAnyAsync(id, token);
        }, ct);
        return TypedResults.Ok(ToResponse(row!, options.Value));
    }

    private static void Validate(SetLegalHoldRequest request)
    {
        var errors = new ValidationErrors();
        errors.Required("$.legalHold", request.LegalHold);
        errors.ThrowIfAny();
    }

    private static LegalHoldResponse ToResponse(LegalHoldRow row, RetentionOptions options)
    {
        var terminal = ReferralLifecycle.IsTerminal(Codes.Parse<ReferralStatus>(row.Status));
        var retainedUntil = terminal && !row.LegalHold && row.PersonalDataErasedAt is null && row.StatusSince is { } since
            ? since.AddYears(options.Years)
            : (DateTimeOffset?)null;
        return new LegalHoldResponse(row.ReferralId, row.LegalHold, row.ChangedAt, row.ChangedByAgencyId, retainedUntil, row.PersonalDataErasedAt);
    }
}
