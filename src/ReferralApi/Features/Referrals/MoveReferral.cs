using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Data.Common;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Events;
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
    private const int ConcurrentAttempts = 3;

    public static Task<Ok<ReferralResponse>> Acknowledge(
        Guid id, AcknowledgeReferralRequest request, HttpContext http, ClaimsPrincipal user,
        IdempotencyKeys idempotency, ReferralStore store, StatusHistoryStore history, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
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
        var move = new Move(to, request.ReasonCode, request.Reason, null, request.ReceiverReference, request.Note);
        if (request.Decision is not null)
        {
            CheckRequirements(errors, move);
        }

        errors.ThrowIfAny();
        var stores = new Stores(idempotency, store, history, recorder);
        return ApplyAsync(id, move, AccessActions.Acknowledge, request, http, Caller.From(user), stores, clock, ct);
    }

    public static Task<Ok<ReferralResponse>> ChangeStatus(
        Guid id, ChangeReferralStatusRequest request, HttpContext http, ClaimsPrincipal user,
        IdempotencyKeys idempotency, ReferralStore store, StatusHistoryStore history, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (errors.Required("$.status", request.Status)
            && request.Status is ReferralStatus.Sent or ReferralStatus.Received or ReferralStatus.Accepted or ReferralStatus.Declined)
        {
            errors.Add("$.status", Messages.NotAStatusTarget);
        }

        errors.NotBlank("$.outcome", request.Outcome, TextMax);
        var move = new Move(request.Status ?? ReferralStatus.Sent, request.ReasonCode, request.Reason, request.Outcome, null, null);
        if (!errors.Any)
        {
            CheckRequirements(errors, move);
        }

        errors.ThrowIfAny();
        var stores = new Stores(idempotency, store, history, recorder);
        return ApplyAsync(id, move, AccessActions.ChangeStatus, request, http, Caller.From(user), stores, clock, ct);
    }

    /// <summary>The fields the transition table requires: <c>reasonCode</c>, <c>outcome</c>, and <c>reason</c> when the code is <c>other</c>.</summary>
    private static void CheckRequirements(ValidationErrors errors, Move move)
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

    private static async Task<Ok<ReferralResponse>> ApplyAsync(
        Guid id, Move move, string action, object request, HttpContext http, Caller caller, Stores stores, TimeProvider clock, CancellationToken ct)
    {
        ReferralRow? written = null;
        var (outcome, replayed) = await stores.Idempotency.RunAsync(http, caller, request, async (connection, transaction, token) =>
        {
            // A re-run after a transient fault replaces the row of the attempt that was rolled back.
            (var moved, written) = await MoveAsync(id, move, http, caller, stores.History, clock, connection, transaction, token);
            await stores.Recorder.RecordAsync(connection, transaction, http, action, [moved.ResourceId], token);
            return moved;
        }, ct);

        // The committed row is the one the move wrote, so it answers without reading it back; a
        // replay moved nothing now and answers with the referral as it stands.
        ReferralRow current;
        if (replayed)
        {
            current = await stores.Referrals.FindVisibleAsync(outcome.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound();
            await stores.Recorder.RecordAsync(http, AccessActions.Replayed(action), [current.Id], ct);
        }
        else
        {
            current = stores.Referrals.Open(written ?? throw new InvalidOperationException("A move that was not replayed ran its unit."));
            http.RequestServices.GetService<ReferralMetrics>()?.ReferralMoved(current.Status, current.Urgency);
        }

        http.Response.SetVersion(current.Version);
        return TypedResults.Ok(ReferralView.For(current, caller.Agency, clock.Now()));
    }

    /// <summary>
    /// One move in the caller's transaction; a lost race with another writer is read again and
    /// retried. Returns the referral as the transaction leaves it (personal fields still sealed).
    /// </summary>
    private static async Task<(IdempotentOutcome Outcome, ReferralRow Row)> MoveAsync(
        Guid id, Move move, HttpContext http, Caller caller, StatusHistoryStore history, TimeProvider clock,
        DbConnection connection, DbTransaction transaction, CancellationToken token)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Re-read inside the transaction: a lost race shows the winner's committed state.
            var row = await ReferralStore.FindVisibleAsync(connection, transaction, id, caller.Agency, token) ?? throw ApiProblem.NotFound();
            var party = ReferralView.PartyOf(row, caller.Agency);
            if (!ReferralLifecycle.PartyMayEverMoveTo(move.To, party))
            {
                throw new ApiProblem(ProblemCodes.NotPermitted);
            }

            if (!http.Request.IfMatchAllows(row.Version))
            {
                throw new ApiProblem(ProblemCodes.PreconditionFailed) { Extensions = new Dictionary<string, object?> { ["currentVersion"] = row.Version } };
            }

            var current = Codes.Parse<ReferralStatus>(row.Status);
            if (current == move.To && await IsRepeatAsync(history, connection, transaction, row, move, caller.Agency, token))
            {
                return (new IdempotentOutcome(StatusCodes.Status200OK, row.Id), row);
            }

            if (ReferralLifecycle.Find(current, move.To, party) is null)
            {
                throw InvalidTransition(current, party);
            }

            var now = clock.Now();
            if (await ReferralStore.TryMoveAsync(connection, transaction, row, Codes.Of(move.To), move.ReceiverReference, now, token))
            {
                await history.AppendAsync(connection, transaction, move.ToHistory(row.Id, caller.Agency, now), token);
                await EventLog.AppendAsync(connection, transaction, new NewEvent(
                    EventTypes.ForStatus(move.To), now, row.Id, row.CaseId, row.FromAgencyId, row.ToAgencyId, Codes.Of(move.To), row.Version + 1, caller.Agency), token);

                // What UPDATE referrals SET ... wrote (ReferralStore.UpdateStatus); the row lock holds it until commit.
                var moved = row with
                {
                    Status = Codes.Of(move.To),
                    Version = row.Version + 1,
                    UpdatedAt = now,
                    ReceiverReference = move.ReceiverReference ?? row.ReceiverReference,
                };
                return (new IdempotentOutcome(StatusCodes.Status200OK, row.Id), moved);
            }

            if (attempt == ConcurrentAttempts)
            {
                throw new ApiProblem(ProblemCodes.Conflict);
            }
        }
    }

    /// <summary>The same party repeating the move that produced the current status, with the same details.</summary>
    private static async Task<bool> IsRepeatAsync(StatusHistoryStore history, DbConnection connection, DbTransaction transaction, ReferralRow row, Move move, Guid agency, CancellationToken ct)
    {
        var last = (await history.ListAsync(connection, transaction, row.Id, ct))[^1];
        return last.ByAgencyId == agency
            && last.ReasonCode == (move.ReasonCode is { } code ? Codes.Of(code) : null)
            && last.Reason == move.Reason
            && last.Outcome == move.Outcome
            && last.Note == move.Note
            && (move.ReceiverReference is null || move.ReceiverReference == row.ReceiverReference);
    }

    private static ApiProblem InvalidTransition(ReferralStatus current, Party party)
    {
        var allowed = ReferralLifecycle.From(current, party).Select(t => Codes.Of(t.To)).ToArray();
        return new ApiProblem(ProblemCodes.InvalidTransition, new LocalizedText(Messages.TransitionDetail, Codes.Of(current), allowed.Length == 0 ? "-" : string.Join(", ", allowed)))
        {
            Extensions = new Dictionary<string, object?> { ["currentStatus"] = Codes.Of(current), ["allowedTransitions"] = allowed },
        };
    }

    /// <summary>The services a move needs, passed as one.</summary>
    private sealed record Stores(IdempotencyKeys Idempotency, ReferralStore Referrals, StatusHistoryStore History, AccessRecorder Recorder);

    private sealed record Move(ReferralStatus To, ReasonCode? ReasonCode, string? Reason, string? Outcome, string? ReceiverReference, string? Note)
    {
        public StatusChangeRow ToHistory(Guid referralId, Guid agency, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(),
            ReferralId = referralId,
            Status = Codes.Of(To),
            At = now,
            ByAgencyId = agency,
            ReasonCode = ReasonCode is { } code ? Codes.Of(code) : null,
            Reason = Reason,
            Outcome = Outcome,
            Note = Note,
        };
    }
}
