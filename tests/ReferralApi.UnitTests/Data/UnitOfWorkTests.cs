using System.Data.Common;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Resilience;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// The unit of work on a real SQLite file: a change is one transaction, re-run whole after a
/// transient error and rolled back on any other; work registered to run after the commit runs
/// once, only for the attempt that committed; a nested unit joins the open one.
/// </summary>
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private const int SqliteBusy = 5;
    private readonly string file = Path.Combine(Path.GetTempPath(), $"uow-{Guid.NewGuid():N}.db");
    private DbDataSource? source;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        source = new SqliteServingSource(new SqliteConnectionStringBuilder { DataSource = file }.ToString());
        await using var unit = NewUnit();
        await unit.ExecuteAsync("CREATE TABLE t (n INTEGER NOT NULL)", null, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (source is not null)
        {
            await source.DisposeAsync();
        }

        File.Delete(file);
    }

    [Fact]
    public async Task TransientFailure_ReRunsTheWholeUnit_AndAfterCommitRunsOnce()
    {
        await using var unit = NewUnit();
        var attempts = 0;
        var afterCommit = 0;

        await unit.InTransactionAsync(async token =>
        {
            attempts++;
            await unit.ExecuteAsync("INSERT INTO t (n) VALUES (@N)", new { N = attempts }, token);
            unit.AfterCommit(() => afterCommit++);
            if (attempts == 1)
            {
                throw new SqliteException("database is locked", SqliteBusy);
            }

            return true;
        }, Ct);

        Assert.Equal(2, attempts);
        Assert.Equal(1, afterCommit);
        Assert.Equal([2L], await unit.QueryAsync<long>("SELECT n FROM t", null, Ct));
    }

    [Fact]
    public async Task OtherFailure_RollsBack_RunsNothingAfterCommit_AndLeavesTheUnitUsable()
    {
        await using var unit = NewUnit();
        var afterCommit = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => unit.InTransactionAsync<bool>(async token =>
        {
            await unit.ExecuteAsync("INSERT INTO t (n) VALUES (1)", null, token);
            unit.AfterCommit(() => afterCommit++);
            throw new InvalidOperationException("refused");
        }, Ct));

        Assert.Equal(0, afterCommit);
        Assert.Equal(0L, await unit.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t", null, Ct));
        await unit.ExecuteAsync("INSERT INTO t (n) VALUES (2)", null, Ct);
        Assert.Equal(1L, await unit.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t", null, Ct));
    }

    [Fact]
    public async Task NestedUnit_JoinsTheOpenTransaction_AndRollsBackWithIt()
    {
        await using var unit = NewUnit();

        await Assert.ThrowsAsync<InvalidOperationException>(() => unit.InTransactionAsync<bool>(async token =>
        {
            await unit.InTransactionAsync(inner => unit.ExecuteAsync("INSERT INTO t (n) VALUES (1)", null, inner), token);
            throw new InvalidOperationException("the outer unit fails after the inner one returned");
        }, Ct));

        Assert.Equal(0L, await unit.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM t", null, Ct));
    }

    [Fact]
    public async Task AfterCommit_OutsideATransaction_IsAMistake()
    {
        await using var unit = NewUnit();

        Assert.Throws<InvalidOperationException>(() => unit.AfterCommit(() => { }));
    }

    private UnitOfWork NewUnit()
    {
        var dialect = SqlDialect.For(DatabaseProvider.Sqlite);
        return new UnitOfWork(source!, dialect, DatabaseRetry.Create(dialect));
    }
}
