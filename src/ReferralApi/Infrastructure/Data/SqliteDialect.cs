using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Data;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The writers' semaphore lives as long as the process and never creates its wait handle.")]
internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    /// <summary>
    /// SQLite's own busy handler: a writer that finds the database locked waits inside SQLite,
    /// polling every few milliseconds. Without it Microsoft.Data.Sqlite retries a busy statement
    /// after a fixed 150 ms sleep, so two short transactions that meet cost one of them 150 ms;
    /// with several writers (the delivery worker, requests) that dominated throughput. The
    /// provider's own retry loop still applies beyond this wait, up to the command timeout.
    /// </summary>
    private const string SqliteBusyTimeout = "PRAGMA busy_timeout = 5000";

    private const string SqliteWal = "PRAGMA journal_mode=WAL";

    /// <summary>How long a writer waits for its turn: as long as SQLite's own busy wait.</summary>
    private static readonly TimeSpan WriterWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SQLite lets one writer in at a time. Left to SQLite, waiting writers poll with sleeps that
    /// grow to 100 ms, so the lock sits idle between one writer's commit and the next one's wake-up;
    /// queued here, the next writer of this process starts as soon as the last one ends. Other
    /// processes on the same file are still kept apart by SQLite's busy wait.
    /// </summary>
    private readonly SemaphoreSlim writers = new(1, 1);

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async Task<IDisposable?> EnterWriterAsync(CancellationToken ct)
    {
        if (!await writers.WaitAsync(WriterWait, ct))
        {
            // What SQLite itself reports after its busy wait: transient, so the unit is retried.
            throw new SqliteException("database is locked (waiting for this process's other writers)", SqliteBusy);
        }

        return new WriterTurn(writers);
    }

    public override string MigrationFolder => "Sqlite";

    public override UpgradeEngineBuilder Migrations(string connectionString) => DeployChanges.To.SqliteDatabase(connectionString);

    public override async Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken ct) =>
        await SqliteFileLock.AcquireAsync(connectionString, ct);

    /// <summary>WAL is a property of the database file: set once, every later connection uses it.</summary>
    public override async Task AfterMigrationsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteWal;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        SqliteCommandTracing.Attach((SqliteConnection)connection);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteBusyTimeout;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    // Instants are stored as fixed-width UTC text, so the month is its first seven characters.
    public override string MonthOf(string column) => $"strftime('%Y-%m', {column}, '+7 hours')";

    // The extended code says which constraint kind failed; the message only names columns.
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    private sealed class WriterTurn(SemaphoreSlim writers) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                writers.Release();
            }
        }
    }
}
