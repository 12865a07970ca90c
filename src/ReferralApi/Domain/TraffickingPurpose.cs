namespace ReferralApi.Domain;

/// <summary>A purpose of trafficking under UU 21/2007.</summary>
public enum TraffickingPurpose
{
    Prostitution,
    ForcedLabour,
    Slavery,
    SexualExploitation,
    OrganRemoval,
    Other,
}
