using System.Data.Common;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Npgsql's automatic preparation for the serving connections: a statement sent often enough is
/// prepared once per physical connection and from then on sent as a bind/execute of the prepared
/// plan, which saves PostgreSQL the parse and plan of every request's few statements. Prepared
/// statements survive the connection's return to the pool. An operator's own
/// <c>Max Auto Prepare</c> or <c>Auto Prepare Min Usages</c> in the connection string wins.
/// </summary>
internal static class PostgresAutoPrepare
{
    /// <summary>Room for every distinct statement the API sends, with margin (each query text is one).</summary>
    public const int MaxAutoPrepare = 256;

    /// <summary>A statement is prepared on its second use on a connection, not Npgsql's default fifth.</summary>
    public const int AutoPrepareMinUsages = 2;

    public static string Apply(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!Sets(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        return builder.ConnectionString;
    }

    private static bool Sets(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);
}
