using Npgsql;

namespace ReferralApi.Bench;

/// <summary>One statement and how many times one request (or one replayed transaction) sent it.</summary>
internal sealed record StatementShare(string Query, double PerRequest);

/// <summary>Statements and connection checkouts per request, with the statements sent at least every other request.</summary>
internal sealed record StatementCount(double Statements, double Checkouts, IReadOnlyList<StatementShare> Frequent);

/// <summary>
/// Counts what reached PostgreSQL, from <c>pg_stat_statements</c> on the benchmark's own server
/// (started with <c>shared_preload_libraries=pg_stat_statements</c>). The API's serving connections
/// are multiplexed: a statement outside a transaction travels over a shared connection and checks
/// none out, while a transaction has a connection to itself from its <c>BEGIN</c> to its end, so
/// each <c>BEGIN</c> counts one checkout. A pooled connection's reset, where one is configured,
/// counts as neither a statement nor a checkout. Transaction control is left out of the
/// statements: pg_stat_statements does not see the <c>BEGIN</c> and
/// <c>COMMIT</c> that pgbench sends as prepared statements, so counting the API's would make every
/// replay look short of two. The API's background workers
/// send a few statements a second too; divided by thousands of requests they fall below the
/// precision shown, and below the half-per-request bar of the listed statements.
/// </summary>
internal sealed class StatementCounter(string connectionString)
{
    private const string Read = """
        SELECT query, calls FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND query NOT LIKE '%pg_stat_statements%'
        """;

    private static readonly string[] TransactionControl = ["BEGIN", "START TRANSACTION", "COMMIT", "ROLLBACK"];

    /// <summary>
    /// Npgsql's reset of a pooled connection that holds prepared statements (automatic preparation
    /// on): <c>DISCARD ALL</c> would drop them, so it sends these instead.
    /// </summary>
    private static readonly string[] ResetKeepingPrepared =
        ["SET SESSION AUTHORIZATION DEFAULT", "RESET ALL", "CLOSE ALL", "UNLISTEN *", "SELECT pg_advisory_unlock_all()", "DISCARD SEQUENCES", "DISCARD TEMP"];

    /// <summary>A statement of a pooled connection's reset: not one of the request's statements.</summary>
    public static bool IsConnectionReset(string query) =>
        Bare(query).Equals("DISCARD ALL", StringComparison.OrdinalIgnoreCase)
        || ResetKeepingPrepared.Any(r => Bare(query).Equals(r, StringComparison.OrdinalIgnoreCase));

    /// <summary>BEGIN, COMMIT and the like: left out of every count, the API's and the replays' alike.</summary>
    public static bool IsTransactionControl(string query) =>
        TransactionControl.Any(k => query.TrimStart().StartsWith(k, StringComparison.OrdinalIgnoreCase));

    public static async Task<StatementCounter> OpenAsync(string connectionString, CancellationToken ct)
    {
        var counter = new StatementCounter(connectionString);
        try
        {
            await counter.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", ct);
            await counter.ExecuteAsync("SELECT pg_stat_statements_reset()", ct);
        }
        catch (PostgresException ex)
        {
            throw new BenchFailure($"pg_stat_statements is not available ({ex.MessageText}); start PostgreSQL with shared_preload_libraries=pg_stat_statements");
        }

        return counter;
    }

    public Task ResetAsync(CancellationToken ct) => ExecuteAsync("SELECT pg_stat_statements_reset()", ct);

    /// <summary>
    /// Vacuums and analyzes the database now, so that the rows a replay wrote do not set off
    /// autovacuum while the API's next case is measured.
    /// </summary>
    public Task VacuumAsync(CancellationToken ct) => ExecuteAsync("VACUUM (ANALYZE)", ct);

    public async Task<StatementCount> CountAsync(long requests, CancellationToken ct)
    {
        var rows = new List<(string Query, long Calls)>();
        await using (var connection = await OpenConnectionAsync(ct))
        await using (var command = new NpgsqlCommand(Read, connection))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        double Per(long calls) => requests > 0 ? (double)calls / requests : double.NaN;
        // A transaction holds a connection of its own from its BEGIN on.
        static bool IsCheckout(string query) => query.TrimStart().StartsWith("BEGIN", StringComparison.OrdinalIgnoreCase)
            || query.TrimStart().StartsWith("START TRANSACTION", StringComparison.OrdinalIgnoreCase);
        var frequent = rows.Where(r => Per(r.Calls) >= 0.5).OrderByDescending(r => r.Calls)
            .Select(r => new StatementShare(string.Join(' ', r.Query.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries)), Per(r.Calls)))
            .ToList();
        return new StatementCount(Per(rows.Where(r => !IsConnectionReset(r.Query) && !IsTransactionControl(r.Query)).Sum(r => r.Calls)), Per(rows.Where(r => IsCheckout(r.Query)).Sum(r => r.Calls)), frequent);
    }

    private static string Bare(string query) => query.Trim().TrimEnd(';');

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = await OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    // Unpooled, so the counter's own connection never adds a DISCARD ALL to the figures.
    private async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        return connection;
    }
}
