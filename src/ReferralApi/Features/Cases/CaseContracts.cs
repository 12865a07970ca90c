using ReferralApi.Domain;
using ReferralApi.Features.Referrals;

namespace ReferralApi.Features.Cases;

/// <summary>
/// A case: the chain of referrals one victim has travelled along, as far as the caller may see it.
/// <c>referrals</c> holds those the caller is or was a party to; of the rest, <c>otherReferrals</c>
/// says only how many there are and in which statuses — no agencies, no services.
/// </summary>
public sealed record CaseResponse(Guid Id, DateTimeOffset OpenedAt, IReadOnlyList<CaseReferral> Referrals, CaseOtherReferrals OtherReferrals);

/// <summary>The referrals of the case the caller is no party to: their number, by status.</summary>
public sealed record CaseOtherReferrals(int Count, IReadOnlyList<CaseStatusCount> ByStatus);

/// <summary>How many of the other referrals are in one status (only statuses that occur).</summary>
public sealed record CaseStatusCount(ReferralStatus Status, int Count);

/// <summary>One link of the chain the caller is or was a party to; <c>subject</c> as the referral rules allow.</summary>
public sealed record CaseReferral(
    Guid Id,
    Guid? PreviousReferralId,
    Guid FromAgencyId,
    Guid ToAgencyId,
    ReferralStatus Status,
    IReadOnlyList<Service> ServicesRequested,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    SubjectDetails? Subject);
