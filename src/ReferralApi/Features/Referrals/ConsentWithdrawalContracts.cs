using System.ComponentModel.DataAnnotations;

namespace ReferralApi.Features.Referrals;

/// <summary><c>POST /v1/referrals/{id}/consent-withdrawal</c>: when the subject withdrew consent, and how it was recorded.</summary>
public sealed record WithdrawConsentRequest([property: Required] DateTimeOffset? RecordedAt, [property: MaxLength(WithdrawConsent.NoteMax)] string? Note);

/// <summary>
/// The recorded withdrawal: the referrals of the case it cancelled (those shared on consent that
/// were still open); referrals shared on another legal basis, and finished ones, are not listed.
/// </summary>
public sealed record ConsentWithdrawalResponse(
    Guid Id,
    Guid ReferralId,
    Guid CaseId,
    DateTimeOffset RecordedAt,
    string? Note,
    IReadOnlyList<Guid> CancelledReferralIds,
    DateTimeOffset CreatedAt);
