namespace ReferralApi.Domain;

/// <summary>How fast the receiver must respond.</summary>
public enum Urgency
{
    Emergency,
    Urgent,
    Routine,
}
