namespace ReferralApi.Domain;

/// <summary>Who gave consent.</summary>
public enum ConsentGiver
{
    Subject,
    Guardian,
}
