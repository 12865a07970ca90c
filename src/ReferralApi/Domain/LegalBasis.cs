namespace ReferralApi.Domain;

/// <summary>The lawful basis for sharing personal data (UU 27/2022).</summary>
public enum LegalBasis
{
    Consent,
    LegalObligation,
    PublicTask,
    VitalInterest,
}
