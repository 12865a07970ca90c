using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The API's SQLite connections: kept open between requests, each with the statements compiled on
/// it (<see cref="SqliteStatementCache"/>), in place of Microsoft.Data.Sqlite's own pool, which
/// keeps the connections but drops their compiled statements. A connection comes back to the pool
/// only outside any transaction and with no command still out; one that does not is closed, which
/// rolls its transaction back.
/// At most <see cref="IdleLimit"/> wait here; more, after a burst, are closed.
/// </summary>
internal sealed class SqliteServingSource : DbDataSource
{
    public const int IdleLimit = 64;

    private readonly ConcurrentStack<SqliteStatementCache> idle = new();
    private readonly string connectionString;
    private readonly string physicalConnectionString;
    private volatile bool disposed;

    public SqliteServingSource(string connectionString)
    {
        this.connectionString = connectionString;
        // This pool keeps the connections, so the provider's pool must not keep them a second time.
        physicalConnectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
    }

    public override string ConnectionString => connectionString;

    internal SqliteStatementCache Lease()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (idle.TryPop(out var session))
        {
            return session;
        }

        var connection = new SqliteConnection(physicalConnectionString);
        try
        {
            connection.Open();
            return new SqliteStatementCache(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal void Return(SqliteStatementCache session)
    {
        if (disposed || !IsReusable(session) || idle.Count >= IdleLimit)
        {
            session.Dispose();
            return;
        }

        idle.Push(session);
        if (disposed && idle.TryPop(out var late))
        {
            late.Dispose();
        }
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
        disposed = true;
        while (idle.TryPop(out var session))
        {
            session.Dispose();
        }
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
