using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// The API's own SQLite pool on a real file: connections come back with their compiled statements,
/// never with a transaction left open, and Dapper works through them as through the provider's own.
/// </summary>
public sealed class SqliteServingSourceTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"serving-{Guid.NewGuid():N}.db");
    private SqliteServingSource? source;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SqliteServingSource Source => source!;

    public async ValueTask InitializeAsync()
    {
        source = new SqliteServingSource(new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER NOT NULL UNIQUE, label TEXT NULL)");
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AStatementRunAgainOnTheSameConnection_ReusesItsCompiledCommand_WithNothingOfItsLastRun()
    {
        const string Insert = "INSERT INTO t (n, label) VALUES (@N, @Label)";
        SqliteConnection first;
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            first = ((SqliteServingConnection)connection).Inner;
            await connection.ExecuteAsync(Insert, new { N = 1, Label = "one" });
        }

        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            var serving = (SqliteServingConnection)connection;
            Assert.Same(first, serving.Inner);
            var compiled = serving.Statements.Lease(Insert);
            Assert.Empty(compiled.Parameters);
            Assert.Null(compiled.Transaction);
            serving.Statements.Return(compiled);
            Assert.Same(compiled, serving.Statements.Lease(Insert));
            serving.Statements.Return(compiled);

            // Run again with different values, and one of them missing: nothing of the last run is bound.
            await connection.ExecuteAsync(Insert, new { N = 2, Label = (string?)null });
            Assert.Equal(
                [(1L, "one"), (2L, (string?)null)],
                (await connection.QueryAsync<(long, string?)>("SELECT n, label FROM t ORDER BY n")).ToList());
        }
    }

    [Fact]
    public async Task TheSameTextWhileItsCommandIsStillReading_GetsACommandOfItsOwn()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO t (n) VALUES (1), (2), (3)");
        const string Select = "SELECT n FROM t WHERE n >= @From ORDER BY n";
        var pairs = new List<(long Outer, long Inner)>();
        await foreach (var outer in connection.QueryUnbufferedAsync<long>(Select, new { From = 2 }).WithCancellation(Ct))
        {
            foreach (var inner in await connection.QueryAsync<long>(Select, new { From = 3 }))
            {
                pairs.Add((outer, inner));
            }
        }

        Assert.Equal([(2L, 3L), (3L, 3L)], pairs);
    }

    [Fact]
    public async Task AListParameter_ThatRewritesTheText_KeepsItsValues()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO t (n) VALUES (1), (2), (3), (4)");
        int[] wanted = [2, 4];
        var found = await connection.QueryAsync<long>("SELECT n FROM t WHERE n IN @Ns ORDER BY n", new { Ns = wanted });
        Assert.Equal([2L, 4L], found);
    }

    [Fact]
    public async Task AConnectionClosedInsideATransaction_IsNotHandedOutAgain_AndItsWorkIsRolledBack()
    {
        SqliteConnection abandoned;
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            abandoned = ((SqliteServingConnection)connection).Inner;
            var transaction = await connection.BeginTransactionAsync(Ct);
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (7)", transaction: transaction);
        }

        await using var next = await Source.OpenConnectionAsync(Ct);
        Assert.NotSame(abandoned, ((SqliteServingConnection)next).Inner);
        Assert.Equal(System.Data.ConnectionState.Closed, abandoned.State);
        Assert.Equal(0L, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task ATransactionAndItsSavepoints_RunThroughTheServingConnection()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        Assert.Same(connection, transaction.Connection);
        await connection.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: transaction);
        await transaction.SaveAsync("unit", Ct);
        await connection.ExecuteAsync("INSERT INTO t (n) VALUES (2)", transaction: transaction);
        await transaction.RollbackAsync("unit", Ct);
        await transaction.CommitAsync(Ct);
        Assert.Equal([1L], await connection.QueryAsync<long>("SELECT n FROM t"));
    }

    [Fact]
    public async Task CompiledStatementsBeyondTheCapacity_DropTheLeastRecentlyUsed()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        var statements = ((SqliteServingConnection)connection).Statements;
        var kept = statements.Lease("SELECT 0");
        statements.Return(kept);
        for (var n = 1; n <= SqliteStatementCache.Capacity; n++)
        {
            Assert.Equal(n, await connection.ExecuteScalarAsync<long>($"SELECT {n}"));
        }

        // "SELECT 0" was the least recently used, so it went; the most recent ones stayed.
        var recent = statements.Lease($"SELECT {SqliteStatementCache.Capacity}");
        statements.Return(recent);
        Assert.Same(recent, statements.Lease($"SELECT {SqliteStatementCache.Capacity}"));
        statements.Return(recent);
        Assert.NotSame(kept, statements.Lease("SELECT 0"));
    }

    [Fact]
    public async Task DisposingTheSource_ClosesItsIdleConnections()
    {
        SqliteConnection physical;
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            physical = ((SqliteServingConnection)connection).Inner;
        }

        await Source.DisposeAsync();
        Assert.Equal(System.Data.ConnectionState.Closed, physical.State);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await Source.OpenConnectionAsync(Ct));
    }
}
