using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// The API's own SQLite pool on a real file: statements stay compiled on their connection and come
/// back with nothing of their last run, and Dapper works through it as through the provider's own.
/// </summary>
public sealed class SqliteServingSourceTests : SqliteServingFileFixture
{
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
    public async Task DapperOnAClosedConnection_AddsParametersBeforeOpening_AndGetsItsRows()
    {
        await using (var open = await Source.OpenConnectionAsync(Ct))
        {
            await open.ExecuteAsync("INSERT INTO t (n, label) VALUES (1, 'a'), (2, 'b')");
        }

        await using var closed = Source.CreateConnection();
        Assert.Equal(["b"], await closed.QueryAsync<string>("SELECT label FROM t WHERE n = @N", new { N = 2 }));
        Assert.Equal(System.Data.ConnectionState.Closed, closed.State);
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
    public async Task AListParameterFollowedByOthers_BindsEachRunsOwnValues()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO t (n, label) VALUES (1, 'a'), (2, 'b'), (3, 'a'), (4, 'b')");
        const string Select = "SELECT n FROM t WHERE n IN @Ns AND label = @Label ORDER BY n";
        int[] all = [1, 2, 3, 4];
        Assert.Equal([1L, 3L], await connection.QueryAsync<long>(Select, new { Ns = all, Label = "a" }));
        Assert.Equal([2L, 4L], await connection.QueryAsync<long>(Select, new { Ns = all, Label = "b" }));
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
        await transaction.ReleaseAsync("unit", Ct);
        await transaction.SaveAsync("unit", Ct);
        await connection.ExecuteAsync("INSERT INTO t (n) VALUES (3)", transaction: transaction);
        await transaction.ReleaseAsync("unit", Ct);
        await transaction.CommitAsync(Ct);
        Assert.Equal([1L, 3L], await connection.QueryAsync<long>("SELECT n FROM t ORDER BY n"));

        // Compiled once on this connection, and refused once the transaction has ended.
        var statements = ((SqliteServingConnection)connection).Statements;
        var save = statements.Lease("SAVEPOINT \"unit\";");
        statements.Return(save);
        Assert.Same(save, statements.Lease("SAVEPOINT \"unit\";"));
        statements.Return(save);
        await Assert.ThrowsAsync<InvalidOperationException>(() => transaction.SaveAsync("unit", Ct));
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
    public async Task ASavepointThatChangesMoreThanItsSubJournalKeepsInMemory_WritesNoTemporaryFile()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        Assert.Equal(2L, await connection.ExecuteScalarAsync<long>("PRAGMA temp_store")); // 2: memory
        await connection.ExecuteAsync(
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 400) INSERT INTO t (n, label) SELECT n, printf('%.1000c', 'x') FROM s");

        // Every page of the table changes inside the savepoint: about 400 KB of sub-journal, where
        // SQLite moves one past 64 KB to a file in the temp folder (unlinked at once, so only its
        // open descriptor shows it).
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await transaction.SaveAsync("unit", Ct);
        await connection.ExecuteAsync("UPDATE t SET label = printf('%.1000c', 'y')", transaction: transaction);
        var temporaryFiles = OpenTemporaryFiles();
        await transaction.RollbackAsync("unit", Ct);
        await transaction.CommitAsync(Ct);

        Assert.Empty(temporaryFiles);
        Assert.Equal(400L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t WHERE label LIKE 'x%'"));
    }

    /// <summary>SQLite names its temporary files <c>etilqs_*</c>; Linux lists a process's open files under /proc.</summary>
    private static List<string> OpenTemporaryFiles() =>
        Directory.Exists("/proc/self/fd")
            ? [.. Directory.EnumerateFiles("/proc/self/fd")
                .Select(fd => new FileInfo(fd).LinkTarget ?? "")
                .Where(target => target.Contains("etilqs_", StringComparison.Ordinal))]
            : [];
}
