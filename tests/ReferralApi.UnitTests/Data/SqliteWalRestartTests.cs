using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
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
    /// <summary>Small, so that two seconds of writes pass it many times over.</summary>
    private const int Limit = 500;

    private protected override int CommitCheckpointPages => Limit;

    [Fact]
    public async Task UnderSteadyReadsAndWrites_TheWalStaysNearThePoolsLimit()
    {
        await CreateTableAsync();
        var checkpointer = new SqliteCheckpointer(Source, TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
        await checkpointer.StartAsync(Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() => ReadUntilAsync(stop.Token), Ct)).ToArray();
        var written = 0;
        try
        {
            await using var writer = await Source.OpenConnectionAsync(Ct);
            var writing = System.Diagnostics.Stopwatch.StartNew();
            while (written < 10 * Limit && writing.Elapsed < TimeSpan.FromSeconds(30))
            {
                await WriteFourPagesAsync(writer);
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
        Assert.True(written >= 10 * Limit, $"the test wrote enough to tell ({written} pages)");
        Assert.True(walFrames < written / 2, $"the WAL was started over (it reached {walFrames} frames; {written} pages were written)");
    }

    [Fact]
    public async Task ALongRead_HoldsTheWal_TheCheckpointerWarns_AndTheFileIsCutBackAfterIt()
    {
        await CreateTableAsync();
        var log = new CollectedLog();
        var checkpointer = new SqliteCheckpointer(Source, TimeProvider.System, log);
        await checkpointer.StartAsync(Ct);
        var walFileLimit = 2L * Limit * PageSize;
        try
        {
            await using var writer = await Source.OpenConnectionAsync(Ct);
            await using (var exporter = await Source.OpenConnectionAsync(Ct))
            {
                // A read still under way, as an export streaming its rows: its snapshot stays open.
                await using var rows = exporter.CreateCommand();
                rows.CommandText = "SELECT data FROM pages";
                await using var stream = await rows.ExecuteReaderAsync(Ct);
                Assert.True(await stream.ReadAsync(Ct));

                for (var page = 0; page < 4 * Limit; page += 4)
                {
                    await WriteFourPagesAsync(writer);
                }

                await WaitUntilAsync(() => !log.Warnings.IsEmpty);
                Assert.True(WalFileLength > walFileLimit, "the WAL grew while the read held it");
            }

            // The read is over: the next commits copy the rest, start the WAL over, and cut the file back.
            await WaitUntilAsync(async () =>
            {
                await WriteFourPagesAsync(writer);
                return WalFileLength <= walFileLimit;
            });
        }
        finally
        {
            await checkpointer.StopAsync(Ct);
            checkpointer.Dispose();
        }

        Assert.Contains("a long read", Assert.Single(log.Warnings), StringComparison.Ordinal);
        Assert.True(WalFileLength <= walFileLimit, $"the WAL file was cut back to the limit ({WalFileLength} bytes)");
    }

    private long WalFileLength => new FileInfo(DatabaseFile + "-wal").Length;

    private async Task CreateTableAsync()
    {
        await using var setup = await Source.OpenConnectionAsync(Ct);
        await setup.ExecuteAsync("CREATE TABLE pages (data BLOB NOT NULL); INSERT INTO pages (data) VALUES (zeroblob(4000))");
    }

    private static Task<int> WriteFourPagesAsync(System.Data.Common.DbConnection writer) =>
        writer.ExecuteAsync("INSERT INTO pages (data) VALUES (zeroblob(4000)), (zeroblob(4000)), (zeroblob(4000)), (zeroblob(4000))");

    private static Task WaitUntilAsync(Func<bool> done) => WaitUntilAsync(() => Task.FromResult(done()));

    /// <summary>Polls for up to 30 seconds: long enough for a slow machine, and a failing test still ends.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> done)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await done() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20, Ct);
        }
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

    /// <summary>The checkpointer's warnings, as written.</summary>
    private sealed class CollectedLog : ILogger<SqliteCheckpointer>
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Enqueue(formatter(state, exception));
            }
        }
    }
}
