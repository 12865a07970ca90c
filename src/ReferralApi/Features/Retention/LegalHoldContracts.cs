using System.ComponentModel.DataAnnotations;

namespace ReferralApi.Features.Retention;

/// <summary><c>PUT /v1/referrals/{id}/legal-hold</c>: hold the referral's personal data for proceedings in court, or release it.</summary>
public sealed record SetLegalHoldRequest([property: Required] bool? LegalHold);

/// <summary>
/// Whether the referral is held, who last changed that, when its personal data will be erased
/// (<c>retainedUntil</c>: null while it is open, held or already erased) and when it was.
/// </summary>
public sealed record LegalHoldResponse(
    Guid ReferralId,
    bool LegalHold,
    DateTimeOffset? ChangedAt,
    Guid? ChangedByAgencyId,
    DateTimeOffset? RetainedUntil,
    DateTimeOffset? PersonalDataErasedAt);
