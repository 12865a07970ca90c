namespace ReferralApi.Infrastructure.Security;

/// <summary>Authorization policies by role; object-level rules live in the stores' queries.</summary>
internal static class Policies
{
    public const string Agency = "agency";
    public const string Admin = "admin";
    public const string Oversight = "oversight";

    /// <summary>Aggregate reports: oversight bodies for every referral, agencies for their own.</summary>
    public const string Reports = "reports";
}
