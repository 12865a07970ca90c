using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The API's SQLite connections: kept open between requests, each with the statements compiled on
/// it (<see cref="SqliteStatementCache"/>), in place of Microsoft.Data.Sqlite's own pool, which
/// keeps the connections but drops their compiled statements. A connection comes back to the pool
/// only outside any transaction and with no command still out; one that does not is closed, which
/// rolls its transaction back. At most <see cref="IdleLimit"/> wait here, the most recently used
/// handed out first, and one left unused for <see cref="IdleLifetime"/> is closed, so the pool
/// shrinks back after a burst.
/// </summary>
internal sealed class SqliteServingSource(string connectionString, TimeProvider? clock = null, int commitCheckpointPages = SqliteServingSource.CommitCheckpointPages) : DbDataSource
{
    public const int IdleLimit = 64;

    /// <summary>
    /// SQLite's own busy handler: a writer that finds the database locked waits inside SQLite,
    /// polling every few milliseconds. Without it Microsoft.Data.Sqlite retries a busy statement
    /// after a fixed 150 ms sleep, so two short transactions that meet cost one of them 150 ms;
    /// with several writers (the delivery worker, requests) that dominated
    /// throughput. The provider's own retry loop still applies beyond this wait, up to the command
    /// timeout. Set through SQLite's C API (what <c>PRAGMA busy_timeout</c> calls), once per
    /// connection, which keeps it.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 5000;

    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Temporary data in memory. A write group runs each unit in a savepoint, and SQLite keeps the
    /// pages a savepoint changes in a sub-journal, which it moves to a new file in the temp folder
    /// once past 64 KiB: a file created, written and deleted for about every second group, with the
    /// file system's own journal written each time. A sub-journal holds only pages the transaction
    /// changed, so it stays small.
    /// </summary>
    internal const string TempStoreInMemory = "PRAGMA temp_store=MEMORY";

    /// <summary>
    /// The WAL size, in pages, from which a commit checkpoints (SQLite's default is 1,000). Most of
    /// the copying is done beforehand by <see cref="SqliteCheckpointer"/>, off the commit path; what
    /// this adds is that the WAL is started over. A writer starts it over only when it begins with
    /// everything copied and no reader still uses the WAL; under back-to-back commits the loop never
    /// catches up, so no writer began so, and the WAL grew by every page written (about 800 MB in 12
    /// seconds of creates at c=32). A commit from this size on copies the little that is left, and the
    /// next writer starts the WAL from its beginning: about 40 MB with 4 KiB pages. A long read (an
    /// export, a report) keeps the WAL from being copied past its snapshot or started over while it
    /// lasts; the WAL grows meanwhile, the loop warns, and <see cref="WalFileLimit"/> cuts the file
    /// back once the WAL is started over. Should the loop fail, one commit in 10,000 pages does all
    /// of the copying, about 40 MB at once, while the writers of its group wait.
    /// </summary>
    internal const int CommitCheckpointPages = 10_000;

    /// <summary>The pages from which this pool's connections checkpoint in a commit.</summary>
    internal int CheckpointInCommitPages => commitCheckpointPages;

    /// <summary>
    /// The size, in bytes, to which the WAL file is cut back when it is started over
    /// (<c>journal_size_limit</c>): twice what it reaches under steady load, so that a long read's
    /// spell does not leave a file of hundreds of megabytes behind.
    /// </summary>
    private long WalFileLimit => 2L * commitCheckpointPages * 4096;

    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>The connection string with the provider's pool off: this pool keeps the connections, so the provider's must not keep them a second time.</summary>
    internal string PhysicalConnectionString { get; } = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    /// <summary>Waiting connections, the longest unused first.</summary>
    private readonly List<(SqliteStatementCache Session, long Since)> idle = [];
    private readonly Lock gate = new();
    private bool disposed;

    public override string ConnectionString => connectionString;

    internal SqliteStatementCache Lease()
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (idle.Count > 0)
            {
                var (session, _) = idle[^1];
                idle.RemoveAt(idle.Count - 1);
                return session;
            }
        }

        var connection = new SqliteConnection(PhysicalConnectionString);
        try
        {
            connection.Open();
            var rc = SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
            if (rc != SQLitePCL.raw.SQLITE_OK)
            {
                throw new SqliteException($"The busy timeout could not be set (SQLite error {rc}).", rc);
            }

            Apply(connection, TempStoreInMemory, "Temporary storage could not be set to memory");
            Apply(connection, $"PRAGMA wal_autocheckpoint={commitCheckpointPages}", "The WAL size for a checkpoint in a commit could not be set");
            Apply(connection, $"PRAGMA journal_size_limit={WalFileLimit}", "The WAL file's size limit could not be set");
            return new SqliteStatementCache(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs a connection setting through SQLite's C API, once per connection, which keeps it.</summary>
    private static void Apply(SqliteConnection connection, string pragma, string failure)
    {
        var rc = SQLitePCL.raw.sqlite3_exec(connection.Handle, pragma);
        if (rc != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException($"{failure} (SQLite error {rc}).", rc);
        }
    }

    internal void Return(SqliteStatementCache session)
    {
        SqliteStatementCache? closing = IsReusable(session) ? null : session;
        SqliteStatementCache? stale = null;
        lock (gate)
        {
            if (closing is null && (disposed || idle.Count >= IdleLimit))
            {
                closing = session;
            }
            else if (closing is null)
            {
                idle.Add((session, time.GetTimestamp()));
            }

            if (idle.Count > 0 && time.GetElapsedTime(idle[0].Since) > IdleLifetime)
            {
                stale = idle[0].Session;
                idle.RemoveAt(0);
            }
        }

        closing?.Dispose();
        stale?.Dispose();
    }

    protected override DbConnection CreateDbConnection() => new SqliteServingConnection(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            CloseIdle();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        CloseIdle();
        await base.DisposeAsyncCore();
    }

    /// <summary>Closes the waiting connections; those in use are closed as they come back.</summary>
    private void CloseIdle()
    {
        List<(SqliteStatementCache Session, long Since)> closing;
        lock (gate)
        {
            disposed = true;
            closing = [.. idle];
            idle.Clear();
        }

        closing.ForEach(waiting => waiting.Session.Dispose());
    }

    /// <summary>
    /// Open, in autocommit mode (no transaction left behind for the next caller) and with every
    /// command given back (none still reading, none that could touch it from elsewhere later).
    /// </summary>
    private static bool IsReusable(SqliteStatementCache session) =>
        session.Outstanding == 0
        && session.Connection.State == System.Data.ConnectionState.Open
        && SQLitePCL.raw.sqlite3_get_autocommit(session.Connection.Handle) != 0;
}
