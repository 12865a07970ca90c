namespace ReferralApi.Infrastructure.Data;

/// <summary>Which engine the API talks to; the connection string is <c>ConnectionStrings:Referrals</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><c>sqlite</c> (default), <c>postgres</c> or <c>sqlserver</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// Apply forward-only migrations at start-up, with <c>ConnectionStrings:Migrations</c> when set.
    /// Production serves with a login that cannot alter the schema and migrates apart
    /// (<c>ReferralApi migrate</c>), so there this is usually false.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Let Production serve with a login that can alter or owns <c>access_log</c>, with a warning at
    /// every start instead of a refusal: for throwaway servers (the benchmark), never for real data.
    /// </summary>
    public bool AllowPrivilegedLogin { get; set; }
}
