namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// What a person's token may do, from its <c>scope</c> (or Entra's <c>scp</c>) claim. Scopes narrow a
/// token to part of what its agency's roles allow; they never add a role. API keys carry no scopes:
/// a key may do everything its agency's roles (and its permissions) allow.
/// </summary>
internal static class Scopes
{
    /// <summary>Read referrals, their status, notes, access log and legal hold, cases and the event feed.</summary>
    public const string ReferralsRead = "referrals.read";

    /// <summary>Send, acknowledge and move referrals, add notes, withdraw consent, set a legal hold.</summary>
    public const string ReferralsWrite = "referrals.write";

    /// <summary>Aggregate reports.</summary>
    public const string ReportsRead = "reports.read";

    /// <summary>The agency's own settings: its capacity and services, and its webhook subscriptions.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [ReferralsRead, ReferralsWrite, ReportsRead, Admin];

    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReferralsRead] = "Read the agency's referrals, their status, notes, attachments, access log and legal hold, its cases and its event feed.",
        [ReferralsWrite] = "Send, acknowledge and move referrals, add notes, upload and delete attachments, record a consent withdrawal, set a legal hold.",
        [ReportsRead] = "Aggregate reports.",
        [Admin] = "The agency's own capacity and services, and its webhook subscriptions.",
    };
}
