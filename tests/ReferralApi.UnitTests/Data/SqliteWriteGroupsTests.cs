using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Resilience;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// SQLite's group commit on a real file: units that queue behind one another share commits; each
/// unit returns only once its work is committed, visible to any other connection; and a unit that
/// fails takes only its own work with it.
/// </summary>
public sealed class SqliteWriteGroupsTests : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"groups-{Guid.NewGuid():N}.db");
    private readonly SqliteDialect dialect = (SqliteDialect)SqlDialect.For(DatabaseProvider.Sqlite);
    private DbDataSource? source;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        source = new SqliteServingSource(new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER NOT NULL UNIQUE)");
    }

    public async ValueTask DisposeAsync()
    {
        if (source is not null)
        {
            await source.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UnitsQueuedBehindOneAnother_ShareCommits_AndEachIsCommittedWhenItReturns()
    {
        const int Units = 24;
        var first = new TaskCompletionSource();
        var queued = new TaskCompletionSource();
        var groups = dialect.WriteGroups;
        var commitsBefore = groups?.Commits ?? 0;

        // The first unit holds its turn until the others have queued behind it.
        var holder = Task.Run(() => InsertAsync(0, async () =>
        {
            first.SetResult();
            await queued.Task;
        }), Ct);
        await first.Task;
        var others = Enumerable.Range(1, Units - 1).Select(n => Task.Run(() => InsertAsync(n, null), Ct)).ToList();
        await Task.Delay(200, Ct);
        queued.SetResult();
        await Task.WhenAll([holder, .. others]);

        await using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        Assert.Equal(Enumerable.Range(0, Units).Select(n => (long)n), await reader.QueryAsync<long>("SELECT n FROM t ORDER BY n"));
        var commits = dialect.WriteGroups!.Commits - commitsBefore;
        Assert.InRange(commits, 1, Units / 2);
    }

    [Fact]
    public async Task AUnitThatFails_TakesOnlyItsOwnWork_AndItsGroupMatesCommit()
    {
        var inside = new TaskCompletionSource();
        var queued = new TaskCompletionSource();

        var failing = Task.Run(() => InsertAsync(1, async () =>
        {
            inside.SetResult();
            await queued.Task;
            throw new InvalidOperationException("refused after its insert");
        }), Ct);
        await inside.Task;
        var succeeding = Task.Run(() => InsertAsync(2, null), Ct);
        await Task.Delay(100, Ct);
        queued.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        await succeeding;
        await using var unit = NewUnit();
        Assert.Equal([2L], await unit.QueryAsync<long>("SELECT n FROM t", null, Ct));
    }

    [Fact]
    public async Task AStatementThatFails_InAGroup_IsReportedToItsUnit_AndLeavesTheGroupUsable()
    {
        await InsertAsync(7, null);

        await Assert.ThrowsAsync<SqliteException>(() => InsertAsync(7, null));
        await InsertAsync(8, null);

        await using var unit = NewUnit();
        Assert.Equal([7L, 8L], await unit.QueryAsync<long>("SELECT n FROM t ORDER BY n", null, Ct));
    }

    [Fact]
    public async Task ACommitThatFails_IsReportedToEveryUnitOfTheGroup_AndTheNextGroupCommits()
    {
        var failCommits = true;
        var groups = GroupsWhoseCommits(fail: () => failCommits);

        // The first unit's turn ends while the second waits, so both are in one group.
        var first = await groups.JoinAsync(Ct);
        await first.Transaction.Connection!.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: first.Transaction);
        var secondJoins = groups.JoinAsync(Ct);
        var firstCommits = first.CommitAsync(Ct);
        await using var second = await secondJoins;
        await second.Transaction.Connection!.ExecuteAsync("INSERT INTO t (n) VALUES (2)", transaction: second.Transaction);
        var secondCommits = second.CommitAsync(Ct);

        await Assert.ThrowsAsync<CommitOutcomeUnknownException>(() => firstCommits);
        await Assert.ThrowsAsync<CommitOutcomeUnknownException>(() => secondCommits);
        failCommits = false;
        await using (var third = await groups.JoinAsync(Ct))
        {
            await third.Transaction.Connection!.ExecuteAsync("INSERT INTO t (n) VALUES (3)", transaction: third.Transaction);
            await third.CommitAsync(Ct);
        }

        await using var unit = NewUnit();
        Assert.Equal([3L], await unit.QueryAsync<long>("SELECT n FROM t", null, Ct));
        Assert.Equal(1, groups.Commits);
    }

    [Fact]
    public async Task AUnitThatFailed_InAGroupThatDidNotCommit_IsToldToRunAgain()
    {
        var failCommits = true;
        var groups = GroupsWhoseCommits(fail: () => failCommits);

        // The second unit saw the first one's row (a duplicate) and failed; the group then fails
        // to commit, so that row never existed and the second unit's failure proves nothing.
        var first = await groups.JoinAsync(Ct);
        await first.Transaction.Connection!.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: first.Transaction);
        var secondJoins = groups.JoinAsync(Ct);
        var firstCommits = first.CommitAsync(Ct);
        var second = await secondJoins;
        await Assert.ThrowsAsync<SqliteException>(() => second.Transaction.Connection!.ExecuteAsync("INSERT INTO t (n) VALUES (1)", transaction: second.Transaction));

        await Assert.ThrowsAsync<UnitRolledBackException>(async () => await second.DisposeAsync());
        await Assert.ThrowsAsync<CommitOutcomeUnknownException>(() => firstCommits);
        failCommits = false;
    }

    [Fact]
    public async Task AWriteOutsideATransaction_IsCommittedInAGroup_BeforeItReturns()
    {
        await using var unit = NewUnit();

        await unit.ExecuteAsync("INSERT INTO t (n) VALUES (@N)", new { N = 5 }, Ct);

        await using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        Assert.Equal([5L], await reader.QueryAsync<long>("SELECT n FROM t"));
        Assert.Equal(1, dialect.WriteGroups!.Commits);
    }

    [Fact]
    public async Task AUnitCancelledInsideItsTurn_TakesOnlyItsOwnWork()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var inside = new TaskCompletionSource();
        await using var cancelledUnit = NewUnit();
        var cancelled = cancelledUnit.InTransactionAsync(async token =>
        {
            await cancelledUnit.ExecuteAsync("INSERT INTO t (n) VALUES (1)", null, token);
            inside.SetResult();
            await Task.Delay(Timeout.Infinite, token);
            return true;
        }, cancel.Token);
        await inside.Task;
        var other = Task.Run(() => InsertAsync(2, null), Ct);
        await Task.Delay(100, Ct);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await other;
        await using var unit = NewUnit();
        Assert.Equal([2L], await unit.QueryAsync<long>("SELECT n FROM t", null, Ct));
    }

    /// <summary>Groups on connections whose COMMIT fails, as a full disk or an I/O error would make it, while <paramref name="fail"/> says so.</summary>
    private SqliteWriteGroups GroupsWhoseCommits(Func<bool> fail) => new(async ct =>
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        SQLitePCL.raw.sqlite3_commit_hook(connection.Handle, _ => fail() ? 1 : 0, null);
        return connection;
    });

    /// <summary>One unit of its own (as one request's) inserting <paramref name="n"/>, then running <paramref name="after"/> inside its transaction.</summary>
    private async Task InsertAsync(int n, Func<Task>? after)
    {
        await using var unit = NewUnit();
        await unit.InTransactionAsync(async token =>
        {
            await unit.ExecuteAsync("INSERT INTO t (n) VALUES (@N)", new { N = n }, token);
            if (after is not null)
            {
                await after();
            }

            return true;
        }, Ct);
    }

    private UnitOfWork NewUnit() => new(source!, dialect, DatabaseRetry.Create(dialect));
}
