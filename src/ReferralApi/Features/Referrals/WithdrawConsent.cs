using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Data;
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
/// outside: where a receiver had referred the subject onward from a cancelled referral on consent,
/// both parties of the onward referral get <c>consent.withdrawn_upstream</c> and its sender decides. Referrals shared
/// on another legal basis go on, because the law, not consent, allows them.
/// </summary>
internal static class WithdrawConsent
{
    public const int NoteMax = 4000;
    private const int ConcurrentAttempts = 3;

    public static async Task<Ok<ConsentWithdrawalResponse>> Handle(
        Guid id, WithdrawConsentRequest request, HttpContext http, ClaimsPrincipal user, IdempotencyKeys idempotency, UnitOfWork unit,
        ReferralWriters writers, ConsentWithdrawalStore withdrawals, AccessRecorder recorder, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, request, ct);
        if (claim.Replay is { } replay)
        {
            var first = (await withdrawals.FindOwnAsync(replay.ResourceId, caller.Agency, ct) ?? throw ApiProblem.NotFound()).ToResponse();
            await recorder.RecordReadAsync(http, AccessActions.Replayed(AccessActions.WithdrawConsent), [first.ReferralId, .. first.CancelledReferralIds], ct);
            return TypedResults.Ok(first);
        }

        // Judged after the key is claimed, like a new referral: a retry must get the first answer.
        Validate(request, clock.Now());
        var withdrawal = await unit.InTransactionAsync(async token =>
        {
            var named = await writers.Referrals.FindVisibleSealedAsync(id, caller.Agency, token) ?? throw ApiProblem.NotFound();
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
            var cancelled = await CancelOwnConsentReferralsAsync(writers, named.CaseId, caller, now, token);
            await AnnounceUpstreamAsync(writers, named.CaseId, cancelled, now, token);
            var row = new ConsentWithdrawalRow
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
            await withdrawals.InsertAsync(row, token);
            await recorder.RecordChangeAsync(http, AccessActions.WithdrawConsent, [named.Id, .. cancelled], token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status200OK, row.Id), token);
            return row;
        }, ct);

        return TypedResults.Ok(withdrawal.ToResponse());
    }

    private static void Validate(WithdrawConsentRequest request, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        if (errors.Required("$.recordedAt", request.RecordedAt) && request.RecordedAt > now.AddMinutes(5))
        {
            errors.Add("$.recordedAt", Messages.NotInFuture);
        }

        errors.NotBlank("$.note", request.Note, NoteMax);
        errors.ThrowIfAny();
    }

    private static bool IsOpen(ReferralRow referral) => !ReferralLifecycle.IsTerminal(Codes.Parse<ReferralStatus>(referral.Status));

    private static bool IsConsentBased(ReferralRow referral) => referral.LegalBasis == Codes.Of(LegalBasis.Consent);

    /// <summary>
    /// Each open consent-based referral sent onward from a cancelled one (by <c>previousReferralId</c>,
    /// down the chain of consent-based referrals): both its parties hear of the withdrawal (ids only),
    /// and its sender decides. The event's actor is that sender, so no agency outside the onward
    /// referral is named to its parties.
    /// </summary>
    private static async Task AnnounceUpstreamAsync(
        ReferralWriters writers, Guid caseId, IReadOnlyCollection<Guid> cancelled, DateTimeOffset now, CancellationToken ct)
    {
        var referrals = await writers.Referrals.CaseReferralsSealedAsync(caseId, ct);
        foreach (var referral in OnwardFrom(referrals, cancelled).Where(IsOpen))
        {
            await writers.Events.AppendAsync(new NewEvent(
                EventTypes.ConsentWithdrawnUpstream, now, referral.Id, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId, referral.Status, referral.Version, referral.FromAgencyId), ct);
        }
    }

    /// <summary>The consent-based descendants of <paramref name="roots"/>; a case holds a handful of referrals, so a walk in memory is enough.</summary>
    private static List<ReferralRow> OnwardFrom(IReadOnlyList<ReferralRow> referrals, IReadOnlyCollection<Guid> roots)
    {
        var reached = roots.ToHashSet();
        var onward = new List<ReferralRow>();
        for (var frontier = roots.ToHashSet(); frontier.Count > 0;)
        {
            var next = referrals
                .Where(r => r.PreviousReferralId is { } previous && frontier.Contains(previous) && IsConsentBased(r) && reached.Add(r.Id))
                .ToList();
            onward.AddRange(next);
            frontier = next.Select(r => r.Id).ToHashSet();
        }

        return onward;
    }

    /// <summary>Cancels each open consent-based referral of the case the caller sent; a referral another request moved first is read again.</summary>
    private static async Task<List<Guid>> CancelOwnConsentReferralsAsync(
        ReferralWriters writers, Guid caseId, Caller caller, DateTimeOffset now, CancellationToken ct)
    {
        var actor = caller.Agency;
        var cancelled = new List<Guid>();
        for (var attempt = 1; ; attempt++)
        {
            var open = (await writers.Referrals.CaseReferralsSealedAsync(caseId, ct))
                .Where(r => r.FromAgencyId == actor && IsConsentBased(r) && IsOpen(r))
                .ToList();
            var raced = false;
            foreach (var referral in open)
            {
                if (!await writers.Referrals.TryMoveAsync(referral, Codes.Of(ReferralStatus.Cancelled), null, now, ct))
                {
                    raced = true;
                    continue;
                }

                await writers.History.AppendAsync(new StatusChangeRow
                {
                    Id = Guid.CreateVersion7(), ReferralId = referral.Id, Status = Codes.Of(ReferralStatus.Cancelled), At = now, ByAgencyId = actor,
                    ReasonCode = Codes.Of(ReasonCode.SubjectWithdrew), PersonSub = caller.Person?.Sub, PersonName = caller.Person?.Name,
                }, ct);
                foreach (var type in new[] { EventTypes.Cancelled, EventTypes.ConsentWithdrawn })
                {
                    await writers.Events.AppendAsync(new NewEvent(
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
