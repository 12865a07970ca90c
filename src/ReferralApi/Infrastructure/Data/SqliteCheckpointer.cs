using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// SQLite's checkpoints, mostly off the commit path. By default SQLite copies the WAL back into the
/// database file inside every commit that leaves the WAL at 1,000 pages or more, so the access
/// log's group commit, and every read waiting on its row, waited for that copy. This loop copies it
/// instead, on a connection of its own every <see cref="Interval"/>, in PASSIVE mode: it copies what
/// no reader still needs, and never waits for a reader or a writer. Keeping the WAL short matters
/// as much: a page read searches the WAL's index, which grows with it.
/// <para>
/// Copying the WAL does not start it over: only a writer that begins once everything is copied,
/// while no reader still uses the WAL, does, and under back-to-back commits this loop never catches
/// up. The serving connections therefore still checkpoint in a commit, far less often
/// (<see cref="SqliteServingSource.CommitCheckpointPages"/>); with this loop ahead of them, such a
/// commit copies only what came since the loop's last tick, and the next writer starts the WAL
/// over. A WAL past twice that size means something holds it (a long read, or failing commit
/// checkpoints): the loop says so once per spell.
/// </para>
/// </summary>
internal sealed partial class SqliteCheckpointer(SqliteServingSource source, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its own connection, outside the serving pool (a checkpoint leaves a reader's page cache
        // alone), and outside the provider's pool: it is open for as long as the loop runs.
        await using var connection = new SqliteConnection(source.PhysicalConnectionString);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var timer = new PeriodicTimer(Interval, clock);
        var warnAt = 2L * source.CheckpointInCommitPages;
        var failing = false;
        var overgrown = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.OpenAsync(stoppingToken);
                }

                var walFrames = await WalFramesAfterAsync(checkpoint, stoppingToken);
                failing = false;

                // Said once per spell: a long read holds the WAL, or the commits' own checkpoints fail.
                if (walFrames >= warnAt && !overgrown)
                {
                    WalOvergrown(logger, walFrames, warnAt);
                }

                overgrown = walFrames >= warnAt;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Said once per spell of failures: the next tick tries again, and meanwhile the
                // commits' own checkpoints keep the WAL bounded. Nothing may escape, or the host would stop.
                if (!failing)
                {
                    CheckpointFailed(logger, e.GetType().Name);
                }

                failing = true;
            }
        }
    }

    /// <summary>Runs the checkpoint and returns the WAL's length in frames, as SQLite reports it.</summary>
    private static async Task<long> WalFramesAfterAsync(SqliteCommand checkpoint, CancellationToken ct)
    {
        await using var result = await checkpoint.ExecuteReaderAsync(ct);
        return await result.ReadAsync(ct) ? result.GetInt64(1) : 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The SQLite WAL holds {Frames} frames, past the {Limit} it should stay under; a long read (an export, a report) may be holding it")]
    private static partial void WalOvergrown(ILogger logger, long frames, long limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A SQLite checkpoint failed ({ExceptionType}); the next one is tried in a moment")]
    private static partial void CheckpointFailed(ILogger logger, string exceptionType);
}
