using ReferralApi.Domain;
using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>One move in the transition table, as a party asked for it, and how it is applied.</summary>
internal sealed record ReferralMove(ReferralStatus To, ReasonCode? ReasonCode, string? Reason, string? Outcome, string? ReceiverReference, string? Note)
{
    private const int ConcurrentAttempts = 3;

    /// <summary>
    /// Applies the move in the request's transaction; a lost race with another writer is read again
    /// and retried. Returns the referral as the transaction leaves it (personal fields still sealed).
    /// </summary>
    public async Task<ReferralRow> ApplyAsync(Guid id, HttpContext http, Caller caller, ReferralWriters writers, TimeProvider clock, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Re-read inside the transaction: a lost race shows the winner's committed state.
            var row = await writers.Referrals.FindVisibleSealedAsync(id, caller.Agency, ct) ?? throw ApiProblem.NotFound();
            var party = ReferralView.PartyOf(row, caller.Agency);
            if (!ReferralLifecycle.PartyMayEverMoveTo(To, party))
            {
                throw new ApiProblem(ProblemCodes.NotPermitted);
            }

            if (!http.Request.IfMatchAllows(row.Version))
            {
                throw new ApiProblem(ProblemCodes.PreconditionFailed) { Extensions = new Dictionary<string, object?> { ["currentVersion"] = row.Version } };
            }

            var current = Codes.Parse<ReferralStatus>(row.Status);
            if (current == To && await IsRepeatAsync(writers.History, row, caller.Agency, ct))
            {
                return row;
            }

            if (ReferralLifecycle.Find(current, To, party) is null)
            {
                throw InvalidTransition(current, party);
            }

            var now = clock.Now();
            if (await writers.Referrals.TryMoveAsync(row, Codes.Of(To), ReceiverReference, now, ct))
            {
                await writers.History.AppendAsync(ToHistory(row.Id, caller, now), ct);
                await writers.Events.AppendAsync(new NewEvent(
                    EventTypes.ForStatus(To), now, row.Id, row.CaseId, row.FromAgencyId, row.ToAgencyId, Codes.Of(To), row.Version + 1, caller.Agency), ct);

                // What UPDATE referrals SET ... wrote (ReferralStore.UpdateStatus); the row lock holds it until commit.
                return row with
                {
                    Status = Codes.Of(To),
                    Version = row.Version + 1,
                    UpdatedAt = now,
                    ReceiverReference = ReceiverReference ?? row.ReceiverReference,
                };
            }

            if (attempt == ConcurrentAttempts)
            {
                throw new ApiProblem(ProblemCodes.Conflict);
            }
        }
    }

    /// <summary>The same party repeating the move that produced the current status, with the same details.</summary>
    private async Task<bool> IsRepeatAsync(StatusHistoryStore history, ReferralRow row, Guid agency, CancellationToken ct)
    {
        var last = (await history.ListAsync(row.Id, ct))[^1];
        return last.ByAgencyId == agency
            && last.ReasonCode == (ReasonCode is { } code ? Codes.Of(code) : null)
            && last.Reason == Reason
            && last.Outcome == Outcome
            && last.Note == Note
            && (ReceiverReference is null || ReceiverReference == row.ReceiverReference);
    }

    private StatusChangeRow ToHistory(Guid referralId, Caller caller, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ReferralId = referralId,
        Status = Codes.Of(To),
        At = now,
        ByAgencyId = caller.Agency,
        PersonSub = caller.Person?.Sub,
        PersonName = caller.Person?.Name,
        ReasonCode = ReasonCode is { } code ? Codes.Of(code) : null,
        Reason = Reason,
        Outcome = Outcome,
        Note = Note,
    };

    private static ApiProblem InvalidTransition(ReferralStatus current, Party party)
    {
        var allowed = ReferralLifecycle.From(current, party).Select(t => Codes.Of(t.To)).ToArray();
        return new ApiProblem(ProblemCodes.InvalidTransition, new LocalizedText(Messages.TransitionDetail, Codes.Of(current), allowed.Length == 0 ? "-" : string.Join(", ", allowed)))
        {
            Extensions = new Dictionary<string, object?> { ["currentStatus"] = Codes.Of(current), ["allowedTransitions"] = allowed },
        };
    }
}
