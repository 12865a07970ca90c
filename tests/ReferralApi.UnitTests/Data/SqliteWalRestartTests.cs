using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// Under steady reads and writes the WAL is started over, instead of growing by every page
/// written. A PASSIVE checkpoint copies the pages, but only a writer that begins once everything
/// is copied starts the WAL over, and back-to-back commits never do; a commit past the pool's
/// limit checkpoints the rest itself, and the next writer starts over.
/// </summary>
public sealed class SqliteWalRestartTests : SqliteServingFileFixture
{
    private const int PageSize = 4096;

    /// <summary>Small, so that two seconds of writes pass it many times over.</summary>
    private const int Limit = 500;

    private protected override int CommitCheckpointPages => Limit;

    [Fact]
    public async Task UnderSteadyReadsAndWrites_TheWalStaysNearThePoolsLimit()
    {
        await using (var setup = await Source.OpenConnectionAsync(Ct))
        {
            await setup.ExecuteAsync("CREATE TABLE pages (data BLOB NOT NULL); INSERT INTO pages (data) VALUES (zeroblob(4000))");
        }

        var checkpointer = new SqliteCheckpointer(Source, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() => ReadUntilAsync(stop.Token), Ct)).ToArray();
        var written = 0;
        try
        {
            await using var writer = await Source.OpenConnectionAsync(Ct);
            var writing = System.Diagnostics.Stopwatch.StartNew();
            while (writing.Elapsed < TimeSpan.FromSeconds(2))
            {
                await writer.ExecuteAsync("INSERT INTO pages (data) VALUES (zeroblob(4000)), (zeroblob(4000)), (zeroblob(4000)), (zeroblob(4000))");
                written += 4;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers);
            await checkpointer.StopAsync(Ct);
            checkpointer.Dispose();
        }

        // The file keeps its largest size: it shows the WAL's longest run between two restarts.
        var walFrames = new FileInfo(DatabaseFile + "-wal").Length / (PageSize + 24);
        Assert.True(written > 8 * Limit, $"the test wrote enough to tell ({written} pages)");
        Assert.True(walFrames < written / 2, $"the WAL was started over (it reached {walFrames} frames; {written} pages were written)");
    }

    /// <summary>Short reads one after another on a connection of the serving pool, as the API's reads are.</summary>
    private async Task ReadUntilAsync(CancellationToken stop)
    {
        await using var reader = await Source.OpenConnectionAsync(Ct);
        while (!stop.IsCancellationRequested)
        {
            await reader.ExecuteScalarAsync<long>("SELECT length(data) FROM pages WHERE rowid = (SELECT max(rowid) FROM pages)");
        }
    }
}
