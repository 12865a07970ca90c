namespace ReferralApi.Domain;

/// <summary>Where a referral stands in its lifecycle.</summary>
public enum ReferralStatus
{
    Sent,
    Received,
    Accepted,
    Declined,
    InProgress,
    OnHold,
    Completed,
    Failed,
    Cancelled,
}
