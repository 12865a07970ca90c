namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// What a key may do beyond its agency's roles. <c>keys</c>: issue, list and revoke the agency's
/// keys. Without it a key cannot mint keys, so a leaked key cannot outlive its own revocation.
/// </summary>
internal static class KeyPermissions
{
    public const string Keys = "keys";

    public static readonly IReadOnlyList<string> All = [Keys];
}
