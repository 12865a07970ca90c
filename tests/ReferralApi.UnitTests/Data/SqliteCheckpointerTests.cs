using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// A serving connection's commit never copies the WAL back into the database file; the
/// checkpointer does, on its own connection.
/// </summary>
public sealed class SqliteCheckpointerTests : SqliteServingFileFixture
{
    private const int PageSize = 4096;

    /// <summary>Twice the WAL size at which SQLite would otherwise checkpoint inside a commit.</summary>
    private const int Pages = 2000;

    [Fact]
    public async Task CommitsLeaveTheWalAlone_AndTheCheckpointerCopiesItIntoTheDatabase()
    {
        await using (var connection = await Source.OpenConnectionAsync(Ct))
        {
            await connection.ExecuteAsync("CREATE TABLE pages (data BLOB NOT NULL)");
            for (var commit = 0; commit < Pages / 100; commit++)
            {
                // A hundred rows of a page each, one commit.
                await connection.ExecuteAsync("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                    INSERT INTO pages (data) SELECT zeroblob(4000) FROM n
                    """);
            }
        }

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
}
