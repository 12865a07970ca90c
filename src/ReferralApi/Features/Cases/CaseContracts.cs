using ReferralApi.Domain;
using ReferralApi.Features.Referrals;

namespace ReferralApi.Features.Cases;

/// <summary>A case: the chain of referrals one victim has travelled along.</summary>
public sealed record CaseResponse(Guid Id, DateTimeOffset OpenedAt, IReadOnlyList<CaseReferral> Referrals);

/// <summary>One link of the chain; <c>subject</c> only on referrals the caller is a party to.</summary>
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
