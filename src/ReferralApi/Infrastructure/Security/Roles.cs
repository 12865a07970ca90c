namespace ReferralApi.Infrastructure.Security;

internal static class Roles
{
    public const string Agency = "agency";
    public const string Oversight = "oversight";
    public const string Admin = "admin";
}
