namespace ReferralApi.Domain;

/// <summary>A service an agency offers or a referral requests.</summary>
public enum Service
{
    Medical,
    Psychological,
    Psychosocial,
    LegalAid,
    LawEnforcement,
    SafeHouse,
    SocialRehabilitation,
    SocialEmpowerment,
    EconomicEmpowerment,
    Reintegration,
    Repatriation,
    Restitution,
    SpiritualGuidance,
    CivilDocuments,
    DisabilityAccommodation,
    Interpreter,
    ContentRemoval,
    VictimProtection,
    Mediation,
}
