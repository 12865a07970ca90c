namespace ReferralApi.Domain;

/// <summary>The sector an agency belongs to.</summary>
public enum Sector
{
    Police,
    Prosecution,
    Court,
    WomenChildProtection,
    SocialServices,
    Health,
    MigrantWorkerProtection,
    Immigration,
    BorderManagement,
    WitnessVictimProtection,
    Labour,
    CivilRegistration,
    LegalAid,
    CommunityService,
    Village,
    Consular,
    TaskForce,
    Oversight,
    Other,
}
