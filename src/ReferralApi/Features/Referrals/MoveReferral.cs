using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Telemetry;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// <c>POST /v1/referrals/{id}/acknowledgement</c> and <c>/status</c>: both are moves in the
/// transition table and share one path through it.
/// </summary>
internal static class MoveReferral
{
    public const int TextMax = 4000;
    public const int ReceiverReferenceMax = 100;

    public static Task<Ok<ReferralResponse>> Acknowledge(
        Guid id, AcknowledgeReferralRequest request, HttpContext http, ClaimsPrincipal user,
        IdempotencyKeys idempotency, UnitOfWork unit, ReferralWriters writers, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Required("$.decision", request.Decision);
        var to = request.Decision switch
        {
            AcknowledgementDecision.Received => ReferralStatus.Received,
            AcknowledgementDecision.Accepted => ReferralStatus.Accepted,
            _ => ReferralStatus.Declined,
        };
        if (request.Decision is not null and not AcknowledgementDecision.Declined)
        {
            if (request.ReasonCode is not null)
            {
                errors.Add("$.reasonCode", Messages.OnlyWhenDeclined);
            }

            if (request.Reason is not null)
            {
                errors.Add("$.reason", Messages.OnlyWhenDeclined);
            }
        }

        errors.Reference("$.receiverReference", request.ReceiverReference, ReceiverReferenceMax);
        errors.NotBlank("$.note", request.Note, TextMax);
        var move = new ReferralMove(to, request.ReasonCode, request.Reason, null, request.ReceiverReference, request.Note);
        if (request.Decision is not null)
        {
            CheckRequirements(errors, move);
        }

        errors.ThrowIfAny();
        var stores = new Stores(idempotency, unit, writers, recorder);
        return ApplyAsync(id, move, AccessActions.Acknowledge, request, http, Caller.From(user), stores, clock, ct);
    }

    public static Task<Ok<ReferralResponse>> ChangeStatus(
        Guid id, ChangeReferralStatusRequest request, HttpContext http, ClaimsPrincipal user,
        IdempotencyKeys idempotency, UnitOfWork unit, ReferralWriters writers, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.Required("$.status", request.Status)
            && request.Status is ReferralStatus.Sent or ReferralStatus.Received or ReferralStatus.Accepted or ReferralStatus.Declined)
        {
            errors.Add("$.status", Messages.NotAStatusTarget);
        }

        errors.NotBlank("$.outcome", request.Outcome, TextMax);
        var move = new ReferralMove(request.Status ?? ReferralStatus.Sent, request.ReasonCode, request.Reason, request.Outcome, null, null);
        if (!errors.Any)
        {
            CheckRequirements(errors, move);
        }

        errors.ThrowIfAny();
        var stores = new Stores(idempotency, unit, writers, recorder);
        return ApplyAsync(id, move, AccessActions.ChangeStatus, request, http, Caller.From(user), stores, clock, ct);
    }

    /// <summary>The fields the transition table requires: <c>reasonCode</c>, <c>outcome</c>, and <c>reason</c> when the code is <c>other</c>.</summary>
    private static void CheckRequirements(ValidationErrors errors, ReferralMove move)
    {
        var requirement = ReferralLifecycle.RequirementFor(move.To);
        if (requirement == Requirement.ReasonCode)
        {
            errors.Required("$.reasonCode", move.ReasonCode);
        }

        if (requirement == Requirement.Outcome)
        {
            errors.Required("$.outcome", move.Outcome);
        }

        if (move.ReasonCode == ReasonCode.Other && string.IsNullOrWhiteSpace(move.Reason))
        {
            errors.Add("$.reason", Messages.RequiredWhenOther);
        }

        errors.NotBlank("$.reason", move.Reason, TextMax);
    }

    /// <summary>Claim (or replay), move in one transaction that completes the claim, answer from what was written.</summary>
    private static async Task<Ok<ReferralResponse>> ApplyAsync(
        Guid id, ReferralMove move, string action, object request, HttpContext http, Caller caller, Stores stores, TimeProvider clock, CancellationToken ct)
    {
        var referrals = stores.Writers.Referrals;
        await using var claim = await stores.Idempotency.ClaimAsync(http, caller, request, ct);
        ReferralRow current;
        if (claim.Replay is { } replay)
        {
            // A replay moves nothing now and answers with the referral as it stands.
            current = await referrals.FindVisibleAsync(replay.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound();
            await stores.Recorder.RecordReadAsync(http, AccessActions.Replayed(action), [current.Id], ct);
        }
        else
        {
            // A re-run after a transient fault replaces the row of the attempt that was rolled back.
            var written = await stores.Unit.InTransactionAsync(async token =>
            {
                var moved = await move.ApplyAsync(id, http, caller, stores.Writers, clock, token);
                await stores.Recorder.RecordChangeAsync(http, action, [moved.Id], token);
                await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status200OK, moved.Id), token);
                return moved;
            }, ct);

            // The committed row is the one the move wrote, so it answers without reading it back.
            current = referrals.Open(written);
            http.RequestServices.GetService<ReferralMetrics>()?.ReferralMoved(current.Status, current.Urgency);
        }

        http.Response.SetVersion(current.Version);
        return TypedResults.Ok(ReferralView.For(current, caller.Agency, clock.Now()));
    }

    /// <summary>The services a move needs, passed as one.</summary>
    private sealed record Stores(IdempotencyKeys Idempotency, UnitOfWork Unit, ReferralWriters Writers, AccessRecorder Recorder);
}
