namespace ReferralApi.Domain;

/// <summary>A role an agency holds.</summary>
public enum AgencyRole
{
    Agency,
    Oversight,
}
