using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// When the API's own SQLite pool reuses a connection: never with a transaction, a reader or a
/// command still out, so no later request sees another's snapshot, work or statements.
/// </summary>
public sealed class SqliteServingReuseTests : SqliteServingFileFixture
{
    [Fact]
    public async Task AConnectionLeftUnusedForItsIdleLifetime_IsClosed_WhileTheOneInUseStaysOpen()
    {
        var first = await Source.OpenConnectionAsync(Ct);
        var second = await Source.OpenConnectionAsync(Ct);
        var (unused, busy) = (((SqliteServingConnection)first).Inner, ((SqliteServingConnection)second).Inner);
        await first.DisposeAsync();
        await second.DisposeAsync();

        Clock.Advance(SqliteServingSource.IdleLifetime / 2);
        await using (await Source.OpenConnectionAsync(Ct))
        {
        }

        Assert.Equal(System.Data.ConnectionState.Open, unused.State);
        Clock.Advance(SqliteServingSource.IdleLifetime);
        await using (var again = await Source.OpenConnectionAsync(Ct))
        {
            Assert.Same(busy, ((SqliteServingConnection)again).Inner);
        }

        Assert.Equal(System.Data.ConnectionState.Closed, unused.State);
        Assert.Equal(System.Data.ConnectionState.Open, busy.State);
    }

    [Fact]
    public async Task ACommandThatOutlivesItsConnection_KeepsThatSqliteConnectionFromBeingReused()
    {
        SqliteConnection first;
        var connection = await Source.OpenConnectionAsync(Ct);
        first = ((SqliteServingConnection)connection).Inner;
        var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM t";
        Assert.Equal(0L, await command.ExecuteScalarAsync(Ct));
        await connection.DisposeAsync();
        await command.DisposeAsync();

        await using var next = await Source.OpenConnectionAsync(Ct);
        Assert.NotSame(first, ((SqliteServingConnection)next).Inner);
    }

    [Fact]
    public async Task AReaderLeftOpen_KeepsThatSqliteConnectionFromBeingReused_SoNoLaterReadSeesItsSnapshot()
    {
        SqliteConnection first;
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            first = ((SqliteServingConnection)connection).Inner;
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (1), (2)");
            var reader = await connection.ExecuteReaderAsync("SELECT n FROM t");
            Assert.True(await reader.ReadAsync(Ct));
        }

        await using var next = await Source.OpenConnectionAsync(Ct);
        Assert.NotSame(first, ((SqliteServingConnection)next).Inner);
        await next.ExecuteAsync("INSERT INTO t (n) VALUES (3)");
        Assert.Equal(3L, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task ATransactionNotDisposed_IsRolledBackWhenItsConnectionCloses()
    {
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            var transaction = await connection.BeginTransactionAsync(Ct);
            await connection.ExecuteAsync("INSERT INTO t (n) VALUES (9)", transaction: transaction);
        }

        await using var next = await Source.OpenConnectionAsync(Ct);
        await next.ExecuteAsync("INSERT INTO t (n) VALUES (10)");
        Assert.Equal([10L], await next.QueryAsync<long>("SELECT n FROM t"));
    }

    [Fact]
    public async Task AConnectionLeftInsideATransactionItDidNotBegin_IsNotHandedOutAgain_AndItsWorkIsRolledBack()
    {
        SqliteConnection abandoned;
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            abandoned = ((SqliteServingConnection)connection).Inner;
            await connection.ExecuteAsync("BEGIN; INSERT INTO t (n) VALUES (7)");
        }

        await using var next = await Source.OpenConnectionAsync(Ct);
        Assert.NotSame(abandoned, ((SqliteServingConnection)next).Inner);
        Assert.Equal(System.Data.ConnectionState.Closed, abandoned.State);
        Assert.Equal(0L, await next.ExecuteScalarAsync<long>("SELECT count(*) FROM t"));
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
