namespace ReferralApi.Domain;

/// <summary>Sex of the subject as recorded by SIMFONI-PPA.</summary>
public enum Sex
{
    Female,
    Male,
}
