using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReferralApi.Bench;

/// <summary>
/// Direct access to the API's database for what would take hours through the API: a million
/// events, thousands of queued deliveries. The rows point at real agencies, a real referral and
/// its case, so every foreign key holds; only their number is artificial.
/// </summary>
internal sealed class BenchDatabase(DbConnection connection, bool postgres) : IAsyncDisposable
{
    /// <summary>Every tenth event belongs to the polled agency (a provincial hub); the rest spread over 99 others.</summary>
    public const int PolledShare = 10;

    // Row n goes to agency k = 0 (the polled one) when n is a multiple of 10, else to one of 1..99.
    private const string AgencyOfRow = "a.k = CASE WHEN n % 10 = 0 THEN 0 ELSE 1 + n % 99 END";

    private const string EventColumns = "event_id, agency_id, type, occurred_at, referral_id, case_id, status, version, actor_agency_id";

    private static readonly string SqliteLoad = $"""
        WITH RECURSIVE g(n) AS (SELECT @From UNION ALL SELECT n + 1 FROM g WHERE n < @To)
        INSERT INTO events ({EventColumns})
        SELECT printf('%08x-0000-7000-8000-%012x', n, n), a.id, 'referral.status_changed', @At, @Referral, @Case, 'in_progress', 2, @Actor
        FROM g JOIN bench_agencies a ON {AgencyOfRow}
        """;

    private static readonly string PostgresLoad = $"""
        INSERT INTO events ({EventColumns})
        SELECT CAST(lpad(to_hex(n), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0') AS uuid),
               a.id, 'referral.status_changed', @At, @Referral, @Case, 'in_progress', 2, @Actor
        FROM generate_series(CAST(@From AS bigint), CAST(@To AS bigint)) AS g(n) JOIN bench_agencies a ON {AgencyOfRow}
        """;

    private const string QueueDeliveries = """
        INSERT INTO webhook_deliveries (subscription_id, agency_id, event_id, event_type, status, attempts, next_attempt_at, created_at, updated_at)
        SELECT @Subscription, agency_id, event_id, type, 'pending', 0, @Now, @Now, @Now
        FROM events WHERE agency_id = @Agency ORDER BY seq LIMIT @Count
        """;

    public static async Task<BenchDatabase> OpenAsync(string provider, string connectionString, CancellationToken ct)
    {
        DbConnection connection = provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return new BenchDatabase(connection, provider == "postgres");
    }

    /// <summary>A fresh PostgreSQL database on the server of <paramref name="serverConnection"/>; returns its connection string.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(string serverConnection, CancellationToken ct)
    {
        var name = "referral_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        await using (var admin = new NpgsqlConnection(serverConnection))
        {
            await admin.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }

        return new NpgsqlConnectionStringBuilder(serverConnection) { Database = name }.ToString();
    }

    /// <summary>Agency 0 is the polled one; the map lives as long as this connection.</summary>
    public async Task MapAgenciesAsync(IReadOnlyList<Guid> agencies, CancellationToken ct)
    {
        await ExecuteAsync($"CREATE TEMP TABLE bench_agencies (k integer PRIMARY KEY, id {(postgres ? "uuid" : "text")} NOT NULL)", null, ct);
        for (var k = 0; k < agencies.Count; k++)
        {
            await ExecuteAsync("INSERT INTO bench_agencies (k, id) VALUES (@K, @Id)", new() { ["K"] = k, ["Id"] = Value(agencies[k]) }, ct);
        }
    }

    /// <summary>
    /// Appends events numbered <paramref name="from"/>..<paramref name="to"/>. PostgreSQL commits
    /// every 50,000 rows so the rows carry many transaction ids, as the feed's order expects.
    /// </summary>
    public async Task LoadEventsAsync(long from, long to, Guid referral, Guid caseId, Guid actor, CancellationToken ct)
    {
        var chunk = postgres ? 50_000 : to - from + 1;
        for (var start = from; start <= to; start += chunk)
        {
            var end = Math.Min(to, start + chunk - 1);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await ExecuteAsync(postgres ? PostgresLoad : SqliteLoad, new()
            {
                ["From"] = start, ["To"] = end, ["At"] = Value(DateTimeOffset.UtcNow), ["Referral"] = Value(referral), ["Case"] = Value(caseId), ["Actor"] = Value(actor),
            }, ct, transaction);
            await transaction.CommitAsync(ct);
        }

        // Leave the database as it would be long after these rows were written, not in the bulk
        // insert's aftermath: PostgreSQL vacuumed and analysed (autovacuum's work), SQLite's
        // write-ahead log checkpointed (otherwise the API's next commits copy the whole load back).
        await ExecuteAsync(postgres ? "VACUUM (ANALYZE) events" : "PRAGMA wal_checkpoint(TRUNCATE)", null, ct);
    }

    public Task<long> CountEventsAsync(Guid agency, CancellationToken ct) =>
        ScalarAsync("SELECT COUNT(*) FROM events WHERE agency_id = @Agency", new() { ["Agency"] = Value(agency) }, ct);

    public Task<long> CountAllEventsAsync(CancellationToken ct) => ScalarAsync("SELECT COUNT(*) FROM events", null, ct);

    /// <summary>Queues up to <paramref name="count"/> deliveries of the agency's events, due now, in one transaction; returns how many.</summary>
    public async Task<int> QueueDeliveriesAsync(Guid subscription, Guid agency, int count, CancellationToken ct)
    {
        await using var command = Command(QueueDeliveries, new()
        {
            ["Subscription"] = Value(subscription), ["Agency"] = Value(agency), ["Now"] = Value(DateTimeOffset.UtcNow), ["Count"] = count,
        }, null);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public Task<long> CountDeliveredAsync(Guid subscription, CancellationToken ct) =>
        ScalarAsync("SELECT COUNT(*) FROM webhook_deliveries WHERE subscription_id = @Subscription AND status = 'delivered'",
            new() { ["Subscription"] = Value(subscription) }, ct);

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    /// <summary>The API stores ids and instants in SQLite as text (see its DapperTypeHandlers); the bench writes the same.</summary>
    private object Value(Guid id) => postgres ? id : id.ToString("D");

    private object Value(DateTimeOffset at) =>
        postgres ? at.ToUniversalTime() : at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, Dictionary<string, object>? args, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var command = Command(sql, args, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<long> ScalarAsync(string sql, Dictionary<string, object>? args, CancellationToken ct)
    {
        await using var command = Command(sql, args, null);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private DbCommand Command(string sql, Dictionary<string, object>? args, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 600;
        foreach (var (name, value) in args ?? [])
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
