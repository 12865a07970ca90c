using System.Data.Common;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// How the serving PostgreSQL connections are tuned; an operator's own value of any of these in
/// the connection string wins.
/// <list type="bullet">
/// <item>Automatic preparation: a statement sent often enough is prepared once per physical
/// connection and from then on sent as a bind/execute of the prepared plan, which saves PostgreSQL
/// the parse and plan of every request's few statements. Prepared statements survive the
/// connection's return to the pool.</item>
/// <item>No reset on close: a connection going back to the pool is not reset (with prepared
/// statements kept, Npgsql's reset is seven statements run on the next checkout). The serving code
/// leaves no session state behind: no <c>SET</c>, no temporary tables, no <c>LISTEN</c>, no
/// session locks. The migration lock, the one session lock, is taken on the migrations' own
/// connection string, which is a pool of its own and keeps the reset.</item>
/// <item>Multiplexing: statements of concurrent requests outside a transaction share physical
/// connections and travel together, several to a network write, instead of one request holding a
/// connection for each of its round trips; a transaction still has a connection to itself.
/// Npgsql allows no synchronous I/O on such connections, and the serving code has none (the
/// migrations, which run through DbUp synchronously, use their own connection string).</item>
/// <item>A short idle lifetime: a connection idle for <see cref="IdleLifetimeSeconds"/> is closed
/// (Npgsql's default is five minutes). Multiplexed statements go to idle connections first, so
/// the connections a burst of writes opened spread the reads after it thinly, a few statements
/// to each backend's wake-up: measured, status reads after a burst of creates ran 10–70 % faster
/// once those connections were closed.</item>
/// </list>
/// </summary>
internal static class PostgresServingConnection
{
    /// <summary>Room for every distinct statement the API sends, with margin (each query text is one).</summary>
    public const int MaxAutoPrepare = 256;

    /// <summary>A statement is prepared on its second use on a connection, not Npgsql's default fifth.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>Seconds a serving connection may stay idle before it is closed.</summary>
    public const int IdleLifetimeSeconds = 10;

    /// <summary>How often the pool looks for connections idle that long (Npgsql's default is ten seconds).</summary>
    public const int PruningIntervalSeconds = 2;

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

        if (!Sets(given, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!Sets(given, "Multiplexing"))
        {
            builder.Multiplexing = true;
        }

        // Npgsql refuses a pruning interval longer than the idle lifetime: an operator's value of one bounds the other.
        var pruningGiven = Sets(given, "Connection Pruning Interval", "ConnectionPruningInterval");
        if (!Sets(given, "Connection Idle Lifetime", "ConnectionIdleLifetime"))
        {
            builder.ConnectionIdleLifetime = pruningGiven ? Math.Max(IdleLifetimeSeconds, builder.ConnectionPruningInterval) : IdleLifetimeSeconds;
        }

        if (!pruningGiven)
        {
            builder.ConnectionPruningInterval = Math.Min(PruningIntervalSeconds, builder.ConnectionIdleLifetime);
        }

        return builder.ConnectionString;
    }

    private static bool Sets(DbConnectionStringBuilder given, params string[] keywords) => keywords.Any(given.ContainsKey);
}
