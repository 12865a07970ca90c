namespace ReferralApi.Domain;

/// <summary>Whether an agency can take new referrals.</summary>
public enum CapacityStatus
{
    Open,
    Limited,
    Full,
    Closed,
}
