using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Features.AccessLog;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Features.Referrals;

/// <summary><c>POST /v1/referrals</c>: opens a case (or joins one) and sends the referral.</summary>
internal static class CreateReferral
{
    public static async Task<Created<ReferralResponse>> Handle(
        CreateReferralRequest request, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit,
        ReferralCreation creation, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, request, ct);
        if (claim.Replay is { } replay)
        {
            return await AnswerReplayAsync(replay, http, caller, creation.Writers, recorder, clock, ct);
        }

        // The rules run after the key is claimed: respondBy and the subject's age are judged against
        // the clock, so a retry hours later must be answered from the first request, not re-judged.
        ReferralCreation.Judge(request, caller, clock.Now());

        // A retried transaction overwrites both, so they always come from the attempt that committed.
        var (created, recipient) = await unit.InTransactionAsync(async token =>
        {
            var made = await creation.InsertAsync(request, caller, token);
            await recorder.RecordChangeAsync(http, AccessActions.Create, [made.Created.Id], token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, made.Created.Id), token);
            return made;
        }, ct);

        // Answered from what was written and read: nothing is read back.
        http.RequestServices.GetService<ReferralMetrics>()?.ReferralCreated(created.Urgency);
        var warnings = RecipientRules.Warnings(recipient, created, http.PreferredLanguage());
        return Answer(http, created, caller, warnings, clock);
    }

    /// <summary>The first request's answer, as the referral and its recipient are now.</summary>
    private static async Task<Created<ReferralResponse>> AnswerReplayAsync(
        IdempotentOutcome replay, HttpContext http, Caller caller, ReferralWriters writers, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var created = await writers.Referrals.FindVisibleAsync(replay.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound();
        await recorder.RecordReadAsync(http, AccessActions.Replayed(AccessActions.Create), [created.Id], ct);
        var warnings = await RecipientRules.WarningsAsync(writers.Agencies, created, http.PreferredLanguage(), ct);
        return Answer(http, created, caller, warnings, clock);
    }

    private static Created<ReferralResponse> Answer(HttpContext http, ReferralRow created, Caller caller, IReadOnlyList<ReferralWarning> warnings, TimeProvider clock)
    {
        http.Response.SetVersion(created.Version);
        return TypedResults.Created($"/v1/referrals/{created.Id}", ReferralView.For(created, caller.Agency, clock.Now()) with { Warnings = warnings });
    }
}
