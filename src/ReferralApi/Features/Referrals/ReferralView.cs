using System.Globalization;
using System.Text.Json;
using ReferralApi.Domain;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Turns a stored referral into what one party may see. The sender sees what it sent; the
/// receiver sees the subject's identity only while it holds an accepted referral (minimum
/// disclosure), never before acceptance nor after a decline or cancellation.
/// </summary>
internal static class ReferralView
{
    public static Party PartyOf(ReferralRow row, Guid agency) =>
        row.FromAgencyId == agency ? Party.Sender : Party.Receiver;

    public static ReferralResponse For(ReferralRow row, Guid agency, DateTimeOffset now)
    {
        var status = Codes.Parse<ReferralStatus>(row.Status);
        var party = PartyOf(row, agency);
        var identityVisible = party == Party.Sender || ReferralLifecycle.DisclosesIdentityToReceiver(status);
        return new ReferralResponse(
            row.Id,
            row.CaseId,
            row.PreviousReferralId,
            row.FromAgencyId,
            row.ToAgencyId,
            row.ExternalReference,
            row.ReceiverReference,
            status,
            row.Version,
            Codes.Parse<Urgency>(row.Urgency),
            Codes.FromJsonList<ViolenceType>(row.ViolenceTypes),
            ReadTrafficking(row.Trafficking),
            Codes.FromJsonList<Service>(row.ServicesRequested),
            row.Reason,
            ReadIncident(row),
            Subject(row, identityVisible, now),
            Codes.Parse<LegalBasis>(row.LegalBasis),
            ReadConsent(row),
            row.RespondBy,
            IsOverdue(status, row.RespondBy, now),
            row.CreatedAt,
            row.UpdatedAt,
            ReferralLifecycle.AllowedActions(status, party));
    }

    public static ReferralSummary Summary(ReferralRow row, DateTimeOffset now)
    {
        var status = Codes.Parse<ReferralStatus>(row.Status);
        return new ReferralSummary(
            row.Id, row.CaseId, row.PreviousReferralId, row.FromAgencyId, row.ToAgencyId, row.ExternalReference,
            row.ReceiverReference, status, row.Version, Codes.Parse<Urgency>(row.Urgency),
            Codes.FromJsonList<ViolenceType>(row.ViolenceTypes), Codes.FromJsonList<Service>(row.ServicesRequested),
            row.SubjectInitials, row.RespondBy, IsOverdue(status, row.RespondBy, now), row.CreatedAt, row.UpdatedAt);
    }

    public static bool IsOverdue(ReferralStatus status, DateTimeOffset respondBy, DateTimeOffset now) =>
        ReferralLifecycle.AwaitsAnswer(status) && respondBy < now;

    public static SubjectDetails Subject(ReferralRow row, bool identityVisible, DateTimeOffset now)
    {
        var birthDate = row.SubjectBirthDate is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
        var safeContact = row.SafeContactDoNotContact is null && row.SafeContactPreferredChannel is null && row.SafeContactNotes is null
            ? null
            : new SafeContact(row.SafeContactDoNotContact, ParseOrNull<ContactChannel>(row.SafeContactPreferredChannel), row.SafeContactNotes);
        return new SubjectDetails(
            row.SubjectInitials,
            identityVisible ? row.SubjectFullName : null,
            Codes.Parse<Sex>(row.SubjectSex),
            identityVisible ? birthDate : null,
            row.SubjectAgeYears ?? (birthDate is { } born ? AgeOn(born, DateOnly.FromDateTime(now.UtcDateTime)) : null),
            identityVisible ? row.SubjectNationalId : null,
            // Not in the contract's list of what the receiver sees before acceptance, and for a
            // cross-border victim it narrows down who the person is, so it waits for acceptance too.
            identityVisible ? row.SubjectNationality : null,
            identityVisible ? row.SubjectPhone : null,
            identityVisible ? row.SubjectAddress : null,
            row.SubjectRegionCode,
            row.SubjectDisability,
            safeContact);
    }

    public static int AgeOn(DateOnly born, DateOnly today)
    {
        var age = today.Year - born.Year;
        return born.AddYears(age) > today ? age - 1 : age;
    }

    private static TraffickingDetails? ReadTrafficking(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<TraffickingDetails>(json, StorageJson.Options);

    private static IncidentDetails? ReadIncident(ReferralRow row) =>
        row.IncidentOccurredOn is null && row.IncidentRegionCode is null && row.IncidentPlace is null
            ? null
            : new IncidentDetails(
                row.IncidentOccurredOn is { } on ? DateOnly.ParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
                row.IncidentRegionCode,
                ParseOrNull<Place>(row.IncidentPlace));

    private static ConsentRecord? ReadConsent(ReferralRow row) =>
        row.ConsentGivenBy is null
            ? null
            : new ConsentRecord(ParseOrNull<ConsentGiver>(row.ConsentGivenBy), row.ConsentObtainedAt, row.ConsentObtainedBy, row.ConsentScope);

    private static T? ParseOrNull<T>(string? code) where T : struct, Enum => code is null ? null : Codes.Parse<T>(code);
}
