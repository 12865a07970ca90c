namespace ReferralApi.Domain;

/// <summary>Where the incident happened (SIMFONI-PPA).</summary>
public enum Place
{
    Household,
    Workplace,
    School,
    PublicFacility,
    Online,
    Other,
}
