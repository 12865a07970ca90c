using System.Data.Common;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Cases;
using ReferralApi.Features.Events;
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
        ReferralWriters writers, AccessRecorder recorder, ReferralDeadlines deadlines, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var claim = await idempotency.ClaimAsync(http, caller, request, ct);
        if (claim.Replay is { } replay)
        {
            return await AnswerReplayAsync(replay, http, caller, writers, recorder, clock, ct);
        }

        // The rules run after the key is claimed: respondBy and the subject's age are judged against
        // the clock, so a retry hours later must be answered from the first request, not re-judged.
        Validate(request, caller, clock.Now());

        // A retried transaction overwrites both, so they always come from the attempt that committed.
        var (created, recipient) = await unit.InTransactionAsync(async token =>
        {
            var recipient = await RecipientRules.RequireAsync(writers.Agencies, request.ToAgencyId!.Value, request.ServicesRequested!, token);
            var now = clock.Now();
            var caseId = await ResolveCaseAsync(writers, request, caller.Agency, now, token);
            var row = ToRow(request, caller.Agency, caseId, deadlines.RespondBy(request.Urgency!.Value, now, request.RespondBy), now);
            try
            {
                await writers.Referrals.InsertAsync(row, token);
            }
            catch (DbException ex) when (unit.Dialect.IsUniqueViolation(ex))
            {
                // The row's id is new, so the one unique key this insert can break is
                // ux_referrals_external_reference (sender, externalReference).
                throw new ApiProblem(ProblemCodes.DuplicateExternalReference);
            }

            await writers.History.AppendAsync(new StatusChangeRow
            {
                Id = Guid.CreateVersion7(), ReferralId = row.Id, Status = row.Status, At = now, ByAgencyId = caller.Agency,
                PersonSub = caller.Person?.Sub, PersonName = caller.Person?.Name,
            }, token);
            await writers.Events.AppendAsync(new NewEvent(
                EventTypes.Created, now, row.Id, row.CaseId, row.FromAgencyId, row.ToAgencyId, row.Status, row.Version, caller.Agency), token);
            await recorder.RecordChangeAsync(http, AccessActions.Create, [row.Id], token);
            await claim.CompleteAsync(new IdempotentOutcome(StatusCodes.Status201Created, row.Id), token);
            return (row, recipient);
        }, ct);

        // Answered from what was written and read: nothing is read back.
        http.RequestServices.GetService<ReferralMetrics>()?.ReferralCreated(created.Urgency);
        var warnings = RecipientRules.Warnings(recipient, created, http.PreferredLanguage());
        return Answer(http, created, caller, warnings, clock);
    }

    private static void Validate(CreateReferralRequest request, Caller caller, DateTimeOffset now)
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

    /// <summary>An onward referral inherits its case; a named case must be one the caller is party to; otherwise a new case opens.</summary>
    private static async Task<Guid> ResolveCaseAsync(ReferralWriters writers, CreateReferralRequest request, Guid agency, DateTimeOffset now, CancellationToken ct)
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
        await writers.Cases.OpenAsync(opened, agency, now, ct);
        return opened;
    }

    private static ReferralRow ToRow(CreateReferralRequest r, Guid from, Guid caseId, DateTimeOffset respondBy, DateTimeOffset now)
    {
        var subject = r.Subject!;
        return new ReferralRow
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            PreviousReferralId = r.PreviousReferralId,
            FromAgencyId = from,
            ToAgencyId = r.ToAgencyId!.Value,
            ExternalReference = r.ExternalReference,
            Status = Codes.Of(ReferralStatus.Sent),
            Version = 1,
            Urgency = Codes.Of(r.Urgency!.Value),
            ViolenceTypes = Codes.ToJsonList(r.ViolenceTypes!),
            ServicesRequested = Codes.ToJsonList(r.ServicesRequested!),
            Trafficking = r.Trafficking is null ? null : JsonSerializer.Serialize(r.Trafficking, StorageJson.Options),
            Reason = r.Reason!,
            IncidentOccurredOn = r.Incident?.OccurredOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            IncidentRegionCode = r.Incident?.RegionCode,
            IncidentPlace = r.Incident?.Place is { } place ? Codes.Of(place) : null,
            SubjectInitials = subject.Initials!,
            SubjectFullName = subject.FullName,
            SubjectSex = Codes.Of(subject.Sex!.Value),
            SubjectBirthDate = subject.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            SubjectAgeYears = subject.AgeYears,
            SubjectNationalId = subject.NationalId,
            SubjectNationality = subject.Nationality,
            SubjectPhone = subject.Phone,
            SubjectAddress = subject.Address,
            SubjectRegionCode = subject.RegionCode,
            SubjectDisability = subject.Disability,
            SafeContactDoNotContact = subject.SafeContact?.DoNotContact,
            SafeContactPreferredChannel = subject.SafeContact?.PreferredChannel is { } channel ? Codes.Of(channel) : null,
            SafeContactNotes = subject.SafeContact?.Notes,
            LegalBasis = Codes.Of(r.LegalBasis!.Value),
            ConsentGivenBy = r.Consent?.GivenBy is { } giver ? Codes.Of(giver) : null,
            ConsentObtainedAt = r.Consent?.ObtainedAt,
            ConsentObtainedBy = r.Consent?.ObtainedBy,
            ConsentScope = r.Consent?.Scope,
            RespondBy = respondBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}
