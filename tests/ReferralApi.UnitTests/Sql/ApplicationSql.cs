using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// Every SQL text the application keeps in a field: <c>const string</c> and <c>static readonly
/// string</c> fields of any type in the API assembly whose value opens with a statement keyword.
/// Found by reflection, so a new store is covered without being listed here.
/// </summary>
internal static partial class ApplicationSql
{
    /// <summary>All statement fields, including those of other engines (see <see cref="OtherEnginesOnly"/> and <see cref="WithoutSqlServerForm"/>).</summary>
    public static IReadOnlyList<(FieldInfo Field, string Sql)> Fields() =>
    [
        .. typeof(Program).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters && !t.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly))
            .Select(f => (Field: f, Sql: (f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null)) as string))
            .Where(x => x.Sql is not null && StatementStart().IsMatch(x.Sql))
            .Select(x => (x.Field, x.Sql!))
            .OrderBy(x => Name(x.Field), StringComparer.Ordinal),
    ];

    /// <summary>The statements SQL Server may receive: every statement field except another engine's own.</summary>
    public static IReadOnlyList<SqlStatement> ForSqlServer() =>
        [.. Fields().Where(x => !IsOtherEngine(x.Field)).Select(x => new SqlStatement(Name(x.Field), x.Sql))];

    /// <summary>
    /// The statements SQL Server never receives, each with the SQL Server statement sent in its
    /// place (which is parsed like every other). Listed by hand: an engine's own SQL is rare, and
    /// each one is a difference the dialect could not absorb, so each must be seen here.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> OtherEnginesOnly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // The feed's commit-order bound and the delivery claim's row locking differ in kind per engine.
        ["ReferralApi.Features.Events.EventFeedQuery.Postgres"] = "ReferralApi.Features.Events.EventFeedQuery.SqlServer",
        ["ReferralApi.Features.Events.EventFeedQuery.Sqlite"] = "ReferralApi.Features.Events.EventFeedQuery.SqlServer",
        ["ReferralApi.Features.Webhooks.DeliveryQueue.PostgresClaim"] = "ReferralApi.Features.Webhooks.DeliveryQueue.SqlServerClaim",
        ["ReferralApi.Features.Webhooks.DeliveryQueue.SqliteClaim"] = "ReferralApi.Features.Webhooks.DeliveryQueue.SqlServerClaim",

        // Whether the serving login could alter the access log: catalog queries differ in kind.
        ["ReferralApi.Infrastructure.Data.ServingLoginCheck.PostgresCanAlterAccessLog"] = "ReferralApi.Infrastructure.Data.ServingLoginCheck.SqlServerCanAlterAccessLog",

        // The access log's rows: one statement over arrays on PostgreSQL; elsewhere a row, or 50 rows in one statement.
        ["ReferralApi.Features.AccessLog.AccessLogStore.InsertArrays"] = "ReferralApi.Features.AccessLog.AccessLogStore.InsertChunk",

        // The migration lock: an advisory lock on PostgreSQL, an application lock on SQL Server.
        ["ReferralApi.Infrastructure.Data.PostgresDialect.MigrationLock"] = "ReferralApi.Infrastructure.Data.SqlServerDialect.MigrationLock",
        ["ReferralApi.Infrastructure.Data.PostgresDialect.MigrationUnlock"] = "ReferralApi.Infrastructure.Data.SqlServerDialect.MigrationUnlock",
    };

    /// <summary>
    /// The statements of a feature SQL Server does without, so that nothing is sent in their place.
    /// Listed by hand, like the pairs above.
    /// </summary>
    public static readonly IReadOnlySet<string> WithoutSqlServerForm = new HashSet<string>(StringComparer.Ordinal)
    {
        // The key cache's listener checks that it still listens and that the triggers notifying it
        // exist. SQL Server has no LISTEN/NOTIFY: it runs no listener and caches no key.
        "ReferralApi.Infrastructure.Data.PostgresKeyChangeListener.StillListening",
    };

    public static bool IsOtherEngine(FieldInfo field) => OtherEnginesOnly.ContainsKey(Name(field)) || WithoutSqlServerForm.Contains(Name(field));

    public static string Name(FieldInfo field) => $"{field.DeclaringType!.FullName}.{field.Name}";

    // Statement keywords; EXEC and DECLARE too, for the few procedural batches (the migration lock).
    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|EXEC|EXECUTE|DECLARE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatementStart();
}
