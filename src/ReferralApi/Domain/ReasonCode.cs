namespace ReferralApi.Domain;

/// <summary>Why a referral was declined, held, failed or cancelled.</summary>
public enum ReasonCode
{
    NotInMandate,
    NoCapacity,
    OutsideArea,
    Duplicate,
    SubjectUnreachable,
    SubjectWithdrew,
    ReferredElsewhere,
    SafetyRisk,
    Other,
}
