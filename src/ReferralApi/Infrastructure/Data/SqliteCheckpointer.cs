using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// SQLite's checkpoints, mostly off the commit path. By default SQLite copies the WAL back into the
/// database file inside the commit that takes the WAL past 1,000 pages, so the access log's group
/// commit, and every read waiting on its row, waited for that copy. This loop copies it instead,
/// on a connection of its own every <see cref="Interval"/>, in PASSIVE mode: it copies what no
/// reader still needs, and never waits for a reader or a writer. Keeping the WAL short matters as
/// much: a page read searches the WAL's index, which grows with it.
/// <para>
/// Copying the WAL does not start it over: only a writer that begins once everything is copied
/// does, and under steady writes none begins so. The serving connections therefore still
/// checkpoint in a commit, far less often (<see cref="SqliteServingSource.CommitCheckpointPages"/>);
/// with this loop ahead of them, such a commit copies only what came since the loop's last tick,
/// and the next writer starts the WAL over.
/// </para>
/// </summary>
internal sealed partial class SqliteCheckpointer(DbDataSource source, TimeProvider clock, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Its own connection, outside the serving pool: a checkpoint leaves a reader's page cache alone.
        await using var connection = new SqliteConnection(source.ConnectionString);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var timer = new PeriodicTimer(Interval, clock);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    await connection.OpenAsync(stoppingToken);
                }

                await checkpoint.ExecuteNonQueryAsync(stoppingToken);
                failing = false;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A SQLite checkpoint failed ({ExceptionType}); the next one is tried in a moment")]
    private static partial void CheckpointFailed(ILogger logger, string exceptionType);
}
