using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Validation;

namespace ReferralApi.Features.Referrals;

/// <summary>A referral as sent: who the victim is (the minimum needed), what happened, what is needed, and on which basis the data is shared.</summary>
public sealed record CreateReferralRequest(
    [property: Required] Guid? ToAgencyId,
    Guid? CaseId,
    Guid? PreviousReferralId,
    [property: MaxLength(CreateReferralValidator.ExternalReferenceMax)] string? ExternalReference,
    [property: Required] Urgency? Urgency,
    [property: Required, MinLength(1)] IReadOnlyList<ViolenceType>? ViolenceTypes,
    TraffickingDetails? Trafficking,
    [property: Required, MinLength(1)] IReadOnlyList<Service>? ServicesRequested,
    [property: Required, MaxLength(CreateReferralValidator.ReasonMax)] string? Reason,
    DateTimeOffset? RespondBy,
    IncidentDetails? Incident,
    [property: Required] SubjectDetails? Subject,
    [property: Required] LegalBasis? LegalBasis,
    ConsentRecord? Consent);

/// <summary>Trafficking specifics (UU 21/2007).</summary>
public sealed record TraffickingDetails(
    IReadOnlyList<TraffickingPurpose>? Purposes,
    IReadOnlyList<TraffickingMode>? Modes,
    bool? CrossBorder,
    BorderPost? BorderPost);

/// <summary>When and where the incident happened.</summary>
public sealed record IncidentDetails(DateOnly? OccurredOn, [property: MaxLength(RegionCodes.MaxLength)] string? RegionCode, Place? Place);

/// <summary>
/// The person referred. Until the receiver accepts, it sees only <c>initials</c>, <c>sex</c>,
/// <c>ageYears</c>, <c>regionCode</c>, <c>disability</c> and <c>safeContact</c>.
/// </summary>
public sealed record SubjectDetails(
    [property: Required, MaxLength(CreateReferralValidator.InitialsMax)] string? Initials,
    [property: MaxLength(CreateReferralValidator.FullNameMax)] string? FullName,
    [property: Required] Sex? Sex,
    DateOnly? BirthDate,
    [property: Range(0, CreateReferralValidator.AgeYearsMax)] int? AgeYears,
    [property: MaxLength(16)] string? NationalId,
    [property: MaxLength(2)] string? Nationality,
    [property: MaxLength(CreateReferralValidator.PhoneMax)] string? Phone,
    [property: MaxLength(CreateReferralValidator.AddressMax)] string? Address,
    [property: MaxLength(RegionCodes.MaxLength)] string? RegionCode,
    bool? Disability,
    SafeContact? SafeContact);

/// <summary>How the subject may be reached without putting them at risk.</summary>
public sealed record SafeContact(bool? DoNotContact, ContactChannel? PreferredChannel, [property: MaxLength(CreateReferralValidator.SafeContactNotesMax)] string? Notes);

/// <summary>The consent record, required when <c>legalBasis</c> is <c>consent</c>.</summary>
public sealed record ConsentRecord(
    [property: Required] ConsentGiver? GivenBy,
    [property: Required] DateTimeOffset? ObtainedAt,
    [property: MaxLength(CreateReferralValidator.ObtainedByMax)] string? ObtainedBy,
    [property: MaxLength(CreateReferralValidator.ScopeMax)] string? Scope);

/// <summary>A referral as one of its two parties sees it.</summary>
public sealed record ReferralResponse(
    Guid Id,
    Guid CaseId,
    Guid? PreviousReferralId,
    Guid FromAgencyId,
    Guid ToAgencyId,
    string? ExternalReference,
    string? ReceiverReference,
    ReferralStatus Status,
    int Version,
    Urgency Urgency,
    IReadOnlyList<ViolenceType> ViolenceTypes,
    TraffickingDetails? Trafficking,
    IReadOnlyList<Service> ServicesRequested,
    string Reason,
    IncidentDetails? Incident,
    SubjectDetails Subject,
    LegalBasis LegalBasis,
    ConsentRecord? Consent,
    DateTimeOffset RespondBy,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> AllowedActions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReferralWarning>? Warnings = null);

/// <summary>Something the sender should know about a referral it just sent (only in the answer to <c>POST /v1/referrals</c>).</summary>
public sealed record ReferralWarning(string Code, string Message);

/// <summary>A referral in a list: no subject identity beyond initials; read the referral for the rest.</summary>
public sealed record ReferralSummary(
    Guid Id,
    Guid CaseId,
    Guid? PreviousReferralId,
    Guid FromAgencyId,
    Guid ToAgencyId,
    string? ExternalReference,
    string? ReceiverReference,
    ReferralStatus Status,
    int Version,
    Urgency Urgency,
    IReadOnlyList<ViolenceType> ViolenceTypes,
    IReadOnlyList<Service> ServicesRequested,
    string SubjectInitials,
    DateTimeOffset RespondBy,
    bool Overdue,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>The receiver's answer: <c>received</c>, <c>accepted</c> or <c>declined</c> (with <c>reasonCode</c>).</summary>
public sealed record AcknowledgeReferralRequest(
    [property: Required] AcknowledgementDecision? Decision,
    ReasonCode? ReasonCode,
    [property: MaxLength(MoveReferral.TextMax)] string? Reason,
    [property: MaxLength(MoveReferral.ReceiverReferenceMax)] string? ReceiverReference,
    [property: MaxLength(MoveReferral.TextMax)] string? Note);

/// <summary>A later move in the referral's life; see the transition table for who may do what.</summary>
public sealed record ChangeReferralStatusRequest(
    [property: Required] ReferralStatus? Status,
    ReasonCode? ReasonCode,
    [property: MaxLength(MoveReferral.TextMax)] string? Reason,
    [property: MaxLength(MoveReferral.TextMax)] string? Outcome);

/// <summary>The referral's status and its history, oldest first.</summary>
public sealed record ReferralStatusResponse(Guid ReferralId, ReferralStatus Status, int Version, DateTimeOffset UpdatedAt, IReadOnlyList<StatusHistoryEntry> History);

/// <summary>One move in the referral's life.</summary>
public sealed record StatusHistoryEntry(
    ReferralStatus Status, DateTimeOffset At, Guid ByAgencyId, ReasonCode? ReasonCode, string? Reason, string? Outcome, ActingPerson? ActingPerson);

/// <summary>A message between the two parties.</summary>
public sealed record AddNoteRequest([property: Required, MaxLength(ManageNotes.TextMax)] string? Text);

/// <summary>A note on a referral.</summary>
public sealed record NoteResponse(Guid Id, Guid ReferralId, Guid AuthorAgencyId, string Text, DateTimeOffset CreatedAt, ActingPerson? ActingPerson);
