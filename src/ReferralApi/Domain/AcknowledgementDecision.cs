namespace ReferralApi.Domain;

/// <summary>The receiver's answer to a referral.</summary>
public enum AcknowledgementDecision
{
    Received,
    Accepted,
    Declined,
}
