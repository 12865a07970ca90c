using System.Data.Common;
using ReferralApi.Domain;
using ReferralApi.Features.Agencies;
using ReferralApi.Features.Cases;
using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// What sending one referral takes, shared by the single create and the batch: the rules judged
/// before any database work (<see cref="Judge"/>), and the writes of one referral inside the
/// caller's transaction (<see cref="InsertAsync"/>). Access log and idempotency stay with the
/// caller, which writes them once per request or per batch chunk.
/// </summary>
internal sealed class ReferralCreation(UnitOfWork unit, ReferralWriters writers, ReferralDeadlines deadlines, TimeProvider clock)
{
    public ReferralWriters Writers => writers;

    /// <summary>The rules that need no database: shape (400), then mediation after sexual violence and self-referral (422).</summary>
    public static void Judge(CreateReferralRequest request, Caller caller, DateTimeOffset now)
    {
        CreateReferralValidator.Validate(request, now);
        if (request.ViolenceTypes!.Contains(ViolenceType.Sexual) && request.ServicesRequested!.Contains(Service.Mediation))
        {
            throw new ApiProblem(ProblemCodes.MediationNotAllowed);
        }

        if (request.ToAgencyId == caller.Agency)
        {
            throw new ApiProblem(ProblemCodes.SelfReferral);
        }
    }

    /// <summary>
    /// Writes the referral, its case when it opens one, its first history entry and its event, in
    /// the open transaction, as one batch (one round trip where the engine allows). Every rule that
    /// can refuse it is checked before the writes, except the unique external reference, which the
    /// insert itself enforces.
    /// </summary>
    public async Task<(ReferralRow Created, AgencyRow Recipient)> InsertAsync(CreateReferralRequest request, Caller caller, CancellationToken ct)
    {
        var sender = caller.Agency;
        var recipient = await RecipientRules.RequireAsync(writers.Agencies, request.ToAgencyId!.Value, request.ServicesRequested!, ct);
        var now = clock.Now();
        var writes = unit.Batch();
        var caseId = await ResolveCaseAsync(request, sender, now, writes, ct);
        var row = ReferralRowMapping.ToRow(request, sender, caseId, deadlines.RespondBy(request.Urgency!.Value, now, request.RespondBy), now);
        writers.Referrals.InsertIn(writes, row);
        writers.History.AppendIn(writes, new StatusChangeRow
        {
            Id = Guid.CreateVersion7(), ReferralId = row.Id, Status = row.Status, At = now, ByAgencyId = sender,
            PersonSub = caller.Person?.Sub, PersonName = caller.Person?.Name,
        });
        EventLog.AppendIn(writes, new NewEvent(
            EventTypes.Created, now, row.Id, row.CaseId, row.FromAgencyId, row.ToAgencyId, row.Status, row.Version, sender));
        try
        {
            await writes.ExecuteAsync(ct);
        }
        catch (DbException ex) when (unit.Dialect.IsUniqueViolation(ex))
        {
            // The one unique key these inserts can break is ux_referrals_external_reference
            // (sender, externalReference): every row has a new id of its own, the event's two rows
            // are for two different agencies (self-referral is refused above), and its deliveries
            // are for a new event.
            throw new ApiProblem(ProblemCodes.DuplicateExternalReference);
        }

        return (row, recipient);
    }

    /// <summary>An onward referral inherits its case; a named case must be one the caller is party to; otherwise a new case opens with the batch.</summary>
    private async Task<Guid> ResolveCaseAsync(CreateReferralRequest request, Guid agency, DateTimeOffset now, StatementBatch writes, CancellationToken ct)
    {
        if (request.PreviousReferralId is { } previousId)
        {
            var previous = await writers.Referrals.FindVisibleSealedAsync(previousId, agency, ct)
                ?? throw new ApiProblem(ProblemCodes.PreviousReferralUnavailable);
            if (request.CaseId is { } named && named != previous.CaseId)
            {
                throw new ApiProblem(ProblemCodes.CaseMismatch);
            }

            return previous.CaseId;
        }

        if (request.CaseId is { } caseId)
        {
            return await writers.Referrals.IsPartyToCaseAsync(caseId, agency, ct)
                ? caseId
                : throw new ApiProblem(ProblemCodes.CaseUnavailable);
        }

        var opened = Guid.CreateVersion7();
        CaseStore.OpenIn(writes, opened, agency, now);
        return opened;
    }
}
