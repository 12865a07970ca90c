using System.Text.Json;
using ReferralApi.Domain;

namespace ReferralApi.Features.Referrals;

/// <summary>A create request as the <c>referrals</c> row it becomes, and the test that a stored row came from the same request.</summary>
internal static class ReferralRowMapping
{
    public static ReferralRow ToRow(CreateReferralRequest r, Guid from, Guid caseId, DateTimeOffset respondBy, DateTimeOffset now)
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

    /// <summary>
    /// True when <paramref name="stored"/> (personal fields opened) is what <paramref name="request"/>
    /// would have written: every field taken from the request equal; what the server chose (ids,
    /// status, version, times, a computed respondBy) ignored.
    /// </summary>
    public static bool CameFrom(ReferralRow stored, CreateReferralRequest request)
    {
        if (request.CaseId is { } named && named != stored.CaseId)
        {
            return false;
        }

        var candidate = ToRow(request, stored.FromAgencyId, stored.CaseId, request.RespondBy ?? stored.RespondBy, stored.CreatedAt);
        return candidate with
        {
            Id = stored.Id,
            Status = stored.Status,
            Version = stored.Version,
            ReceiverReference = stored.ReceiverReference,
            UpdatedAt = stored.UpdatedAt,
        } == stored;
    }
}
