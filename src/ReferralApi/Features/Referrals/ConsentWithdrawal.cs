using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// <c>POST /v1/referrals/{id}/consent-withdrawal</c> (the sender of an open, consent-based
/// referral): the subject withdrew the consent this agency obtained, so every open consent-based
/// referral of the case that this agency sent is cancelled with <c>subject_withdrew</c>, in one
/// transaction with its history and events. Referrals others sent are never cancelled from
/// outside: where a receiver had referred the subject onward on that consent, both parties of the
/// onward referral get <c>consent.withdrawn_upstream</c> and its sender decides. Referrals shared
/// on another legal basis go on, because the law, not consent, allows them.
/// </summary>
internal static class ConsentWithdrawal
{
    public const int NoteMax = 4000;
    private const int ConcurrentAttempts = 3;

    public static async Task<Ok<ConsentWithdrawalResponse>> Handle(
        Guid id, WithdrawConsentRequest request, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency,
        ConsentWithdrawalStore withdrawals, StatusHistoryStore history, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);

        // Judged after the key is claimed, like a new referral: a retry must get the first answer.
        var rules = () =>
        {
            var errors = new ValidationErrors();
            if (errors.Required("$.recordedAt", request.RecordedAt) && request.RecordedAt > clock.Now().AddMinutes(5))
            {
                errors.Add("$.recordedAt", Messages.NotInFuture);
            }

            errors.NotBlank("$.note", request.Note, NoteMax);
            errors.ThrowIfAny();
        };

        var (outcome, replayed) = await idempotency.RunAsync(http, caller, request, rules, async (connection, transaction, token) =>
        {
            var named = await ReferralStore.FindVisibleAsync(connection, transaction, id, caller.Agency, token) ?? throw ApiProblem.NotFound();
            if (named.FromAgencyId != caller.Agency)
            {
                throw new ApiProblem(ProblemCodes.NotPermitted);
            }

            if (!IsOpen(named))
            {
                throw new ApiProblem(ProblemCodes.ReferralNotOpen);
            }

            if (!IsConsentBased(named))
            {
                throw new ApiProblem(ProblemCodes.NotConsentBased);
            }

            var now = clock.Now();
            var cancelled = await CancelOwnConsentReferralsAsync(connection, transaction, named.CaseId, caller.Agency, history, now, token);
            await AnnounceUpstreamAsync(connection, transaction, named.CaseId, cancelled, caller.Agency, now, token);
            var withdrawal = new ConsentWithdrawalRow
            {
                Id = Guid.CreateVersion7(),
                CaseId = named.CaseId,
                ReferralId = named.Id,
                RecordedByAgencyId = caller.Agency,
                RecordedAt = Instant.Normalize(request.RecordedAt!.Value),
                Note = request.Note,
                CancelledReferralIds = JsonSerializer.Serialize(cancelled),
                CreatedAt = now,
            };
            await withdrawals.InsertAsync(connection, transaction, withdrawal, token);
            await recorder.RecordAsync(connection, transaction, http, AccessActions.WithdrawConsent, [named.Id, .. cancelled], token);
            return new IdempotentOutcome(StatusCodes.Status200OK, withdrawal.Id);
        }, ct);

        var recorded = (await withdrawals.FindOwnAsync(outcome.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound()).ToResponse();
        if (replayed)
        {
            await recorder.RecordAsync(http, AccessActions.Replayed(AccessActions.WithdrawConsent), [recorded.ReferralId, .. recorded.CancelledReferralIds], ct);
        }

        return TypedResults.Ok(recorded);
    }

    private static bool IsOpen(ReferralRow referral) => !ReferralLifecycle.IsTerminal(Codes.Parse<ReferralStatus>(referral.Status));

    private static bool IsConsentBased(ReferralRow referral) => referral.LegalBasis == Codes.Of(LegalBasis.Consent);

    /// <summary>
    /// Each open consent-based referral of the case that the receivers of the cancelled ones sent
    /// onward: both its parties hear of the withdrawal (ids only), and its sender decides.
    /// </summary>
    private static async Task AnnounceUpstreamAsync(
        DbConnection connection, DbTransaction transaction, Guid caseId, IReadOnlyCollection<Guid> cancelled, Guid actor, DateTimeOffset now, CancellationToken ct)
    {
        var referrals = await ConsentWithdrawalStore.CaseReferralsAsync(connection, transaction, caseId, ct);
        var receivers = referrals.Where(r => cancelled.Contains(r.Id)).Select(r => r.ToAgencyId).ToHashSet();
        var onward = referrals.Where(r => receivers.Contains(r.FromAgencyId) && r.FromAgencyId != actor && IsOpen(r) && IsConsentBased(r));
        foreach (var referral in onward)
        {
            await EventLog.AppendAsync(connection, transaction, new NewEvent(
                EventTypes.ConsentWithdrawnUpstream, now, referral.Id, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId, referral.Status, referral.Version, actor), ct);
        }
    }

    /// <summary>Cancels each open consent-based referral of the case the caller sent; a referral another request moved first is read again.</summary>
    private static async Task<List<Guid>> CancelOwnConsentReferralsAsync(
        DbConnection connection, DbTransaction transaction, Guid caseId, Guid actor, StatusHistoryStore history, DateTimeOffset now, CancellationToken ct)
    {
        var cancelled = new List<Guid>();
        for (var attempt = 1; ; attempt++)
        {
            var open = (await ConsentWithdrawalStore.CaseReferralsAsync(connection, transaction, caseId, ct))
                .Where(r => r.FromAgencyId == actor && IsConsentBased(r) && IsOpen(r))
                .ToList();
            var raced = false;
            foreach (var referral in open)
            {
                if (!await ReferralStore.TryMoveAsync(connection, transaction, referral, Codes.Of(ReferralStatus.Cancelled), null, now, ct))
                {
                    raced = true;
                    continue;
                }

                await history.AppendAsync(connection, transaction, new StatusChangeRow
                {
                    Id = Guid.CreateVersion7(), ReferralId = referral.Id, Status = Codes.Of(ReferralStatus.Cancelled), At = now, ByAgencyId = actor,
                    ReasonCode = Codes.Of(ReasonCode.SubjectWithdrew),
                }, ct);
                foreach (var type in new[] { EventTypes.Cancelled, EventTypes.ConsentWithdrawn })
                {
                    await EventLog.AppendAsync(connection, transaction, new NewEvent(
                        type, now, referral.Id, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId, Codes.Of(ReferralStatus.Cancelled), referral.Version + 1, actor), ct);
                }

                cancelled.Add(referral.Id);
            }

            if (!raced)
            {
                return cancelled;
            }

            if (attempt == ConcurrentAttempts)
            {
                throw new ApiProblem(ProblemCodes.Conflict);
            }
        }
    }
}
