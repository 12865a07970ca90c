using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>A <see cref="SqliteServingSource"/> over a fresh file with one table, removed afterwards.</summary>
public abstract class SqliteServingFileFixture : IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), $"serving-{Guid.NewGuid():N}.db");
    private SqliteServingSource? source;

    /// <summary>SQLite's default page size, which these files keep.</summary>
    protected const int PageSize = 4096;

    /// <summary>The pool's clock, moved by hand.</summary>
    protected ManualClock Clock { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    private protected SqliteServingSource Source => source!;

    /// <summary>The WAL size at which the pool's connections checkpoint in a commit.</summary>
    private protected virtual int CommitCheckpointPages => SqliteServingSource.CommitCheckpointPages;

    /// <summary>The database file; SQLite's WAL sits beside it with <c>-wal</c> appended.</summary>
    protected string DatabaseFile => file;

    public async ValueTask InitializeAsync()
    {
        source = new SqliteServingSource(new SqliteConnectionStringBuilder { DataSource = file }.ToString(), Clock, CommitCheckpointPages);
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER NOT NULL UNIQUE, label TEXT NULL)");
    }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>A clock that moves only when told to.</summary>
public sealed class ManualClock : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
