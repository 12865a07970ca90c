namespace ReferralApi.Features.Referrals;

/// <summary>A <c>referrals</c> row as stored: codes as text, code lists and trafficking details as JSON.</summary>
internal sealed record ReferralRow
{
    public const string Columns = """
        id AS Id, case_id AS CaseId, previous_referral_id AS PreviousReferralId, from_agency_id AS FromAgencyId,
        to_agency_id AS ToAgencyId, external_reference AS ExternalReference, receiver_reference AS ReceiverReference,
        status AS Status, version AS Version, urgency AS Urgency, violence_types AS ViolenceTypes,
        services_requested AS ServicesRequested, trafficking AS Trafficking, reason AS Reason,
        incident_occurred_on AS IncidentOccurredOn, incident_region_code AS IncidentRegionCode, incident_place AS IncidentPlace,
        subject_initials AS SubjectInitials, subject_full_name AS SubjectFullName, subject_sex AS SubjectSex,
        subject_birth_date AS SubjectBirthDate, subject_age_years AS SubjectAgeYears, subject_national_id AS SubjectNationalId,
        subject_nationality AS SubjectNationality, subject_phone AS SubjectPhone, subject_address AS SubjectAddress,
        subject_region_code AS SubjectRegionCode, subject_disability AS SubjectDisability,
        safe_contact_do_not_contact AS SafeContactDoNotContact, safe_contact_preferred_channel AS SafeContactPreferredChannel,
        safe_contact_notes AS SafeContactNotes, legal_basis AS LegalBasis, consent_given_by AS ConsentGivenBy,
        consent_obtained_at AS ConsentObtainedAt, consent_obtained_by AS ConsentObtainedBy, consent_scope AS ConsentScope,
        respond_by AS RespondBy, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public Guid Id { get; init; }

    public Guid CaseId { get; init; }

    public Guid? PreviousReferralId { get; init; }

    public Guid FromAgencyId { get; init; }

    public Guid ToAgencyId { get; init; }

    public string? ExternalReference { get; init; }

    public string? ReceiverReference { get; init; }

    public string Status { get; init; } = string.Empty;

    public int Version { get; init; }

    public string Urgency { get; init; } = string.Empty;

    public string ViolenceTypes { get; init; } = string.Empty;

    public string ServicesRequested { get; init; } = string.Empty;

    public string? Trafficking { get; init; }

    public string Reason { get; init; } = string.Empty;

    public string? IncidentOccurredOn { get; init; }

    public string? IncidentRegionCode { get; init; }

    public string? IncidentPlace { get; init; }

    public string SubjectInitials { get; init; } = string.Empty;

    public string? SubjectFullName { get; init; }

    public string SubjectSex { get; init; } = string.Empty;

    public string? SubjectBirthDate { get; init; }

    public int? SubjectAgeYears { get; init; }

    public string? SubjectNationalId { get; init; }

    public string? SubjectNationality { get; init; }

    public string? SubjectPhone { get; init; }

    public string? SubjectAddress { get; init; }

    public string? SubjectRegionCode { get; init; }

    public bool? SubjectDisability { get; init; }

    public bool? SafeContactDoNotContact { get; init; }

    public string? SafeContactPreferredChannel { get; init; }

    public string? SafeContactNotes { get; init; }

    public string LegalBasis { get; init; } = string.Empty;

    public string? ConsentGivenBy { get; init; }

    public DateTimeOffset? ConsentObtainedAt { get; init; }

    public string? ConsentObtainedBy { get; init; }

    public string? ConsentScope { get; init; }

    public DateTimeOffset RespondBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
