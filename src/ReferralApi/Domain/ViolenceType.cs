namespace ReferralApi.Domain;

/// <summary>A form of violence (SIMFONI-PPA).</summary>
public enum ViolenceType
{
    Physical,
    Psychological,
    Sexual,
    Exploitation,
    Trafficking,
    Neglect,
    Other,
}
