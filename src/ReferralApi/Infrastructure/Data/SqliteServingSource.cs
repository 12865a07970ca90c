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
internal sealed partial class SqliteServingSource(string connectionString, TimeProvider? clock = null, int commitCheckpointPages = SqliteServingSource.CommitCheckpointPages) : DbDataSource
{
    public const int IdleLimit = 64;

    public static readonly TimeSpan IdleLifetime = TimeSpan.FromMinutes(2);

    /// <summary>The pages from which this pool's connections checkpoint in a commit.</summary>
    internal int CheckpointInCommitPages => commitCheckpointPages;

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

        return OpenNew();
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
