using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// A serving connection's commit leaves the WAL alone until it passes the pool's limit; the
/// checkpointer copies it back into the database file, on its own connection.
/// </summary>
public sealed class SqliteCheckpointerTests : SqliteServingFileFixture
{
    /// <summary>Twice the WAL size at which SQLite checkpoints inside a commit by default, and under this pool's limit.</summary>
    private const int Pages = 2000;

    [Fact]
    public async Task CommitsLeaveTheWalAlone_AndTheCheckpointerCopiesItIntoTheDatabase()
    {
        await CommitPagesAsync(Pages);

        Assert.True(new FileInfo(DatabaseFile + "-wal").Length > Pages * PageSize, "every page is still in the WAL");
        Assert.True(new FileInfo(DatabaseFile).Length < 100 * PageSize, "none has reached the database file");

        var checkpointer = new SqliteCheckpointer(Source, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(Ct);
        try
        {
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (new FileInfo(DatabaseFile).Length < Pages * PageSize && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(50, Ct);
            }
        }
        finally
        {
            await checkpointer.StopAsync(Ct);
            checkpointer.Dispose();
        }

        Assert.True(new FileInfo(DatabaseFile).Length >= Pages * PageSize, "the checkpointer copied the pages into the database file");
        await using var reader = await Source.OpenConnectionAsync(Ct);
        Assert.Equal(Pages, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM pages"));
    }

    [Fact]
    public async Task WithoutTheCheckpointer_ACommitPastTheLimitCheckpointsItself()
    {
        var pages = SqliteServingSource.CommitCheckpointPages + 1000;
        await CommitPagesAsync(pages);

        // Most, not all, of the limit's pages: a commit rewrites a few pages (the table's root,
        // for one) that are then in the WAL more than once but in the database file once.
        Assert.True(
            new FileInfo(DatabaseFile).Length >= SqliteServingSource.CommitCheckpointPages / 2 * PageSize,
            "a commit past the limit copied the WAL into the database file");
        await using var reader = await Source.OpenConnectionAsync(Ct);
        Assert.Equal(pages, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM pages"));
    }

    /// <summary>Rows of about a page each, a hundred to a commit, through the serving pool.</summary>
    private async Task CommitPagesAsync(int pages)
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("CREATE TABLE pages (data BLOB NOT NULL)");
        for (var commit = 0; commit < pages / 100; commit++)
        {
            await connection.ExecuteAsync("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                INSERT INTO pages (data) SELECT zeroblob(4000) FROM n
                """);
        }
    }
}
