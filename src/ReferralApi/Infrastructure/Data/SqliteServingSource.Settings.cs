using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>How the pool opens a connection, and the settings each one keeps for its lifetime.</summary>
internal sealed partial class SqliteServingSource
{
    /// <summary>
    /// SQLite's own busy handler: a writer that finds the database locked waits inside SQLite,
    /// polling every few milliseconds. Without it Microsoft.Data.Sqlite retries a busy statement
    /// after a fixed 150 ms sleep, so two short transactions that meet cost one of them 150 ms;
    /// with several writers (the delivery worker, requests) that dominated
    /// throughput. The provider's own retry loop still applies beyond this wait, up to the command
    /// timeout. Set through SQLite's C API (what <c>PRAGMA busy_timeout</c> calls), once per
    /// connection, which keeps it.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>
    /// Temporary data in memory. A write group runs each unit in a savepoint, and SQLite keeps the
    /// pages a savepoint changes in a sub-journal, which it moves to a new file in the temp folder
    /// once past 64 KiB: a file created, written and deleted for about every second group, with the
    /// file system's own journal written each time. A sub-journal holds only pages the transaction
    /// changed, so it stays small.
    /// </summary>
    internal const string TempStoreInMemory = "PRAGMA temp_store=MEMORY";

    /// <summary>
    /// The WAL size, in pages, from which a commit checkpoints (SQLite's default is 1,000). Most of
    /// the copying is done beforehand by <see cref="SqliteCheckpointer"/>, off the commit path; what
    /// this adds is that the WAL is started over. A writer starts it over only when it begins with
    /// everything copied and no reader still uses the WAL; under back-to-back commits the loop never
    /// catches up, so no writer began so, and the WAL grew by every page written (about 800 MB in 12
    /// seconds of creates at c=32). A commit from this size on copies the little that is left, and the
    /// next writer starts the WAL from its beginning: about 40 MB with 4 KiB pages. A long read (an
    /// export, a report) keeps the WAL from being copied past its snapshot or started over while it
    /// lasts; the WAL grows meanwhile, the loop warns, and <see cref="WalFileLimit"/> cuts the file
    /// back once the WAL is started over. Should the loop fail, one commit in 10,000 pages does all
    /// of the copying, about 40 MB at once, while the writers of its group wait.
    /// </summary>
    internal const int CommitCheckpointPages = 10_000;

    /// <summary>
    /// The size, in bytes, to which the WAL file is cut back when it is started over
    /// (<c>journal_size_limit</c>): twice what it reaches under steady load, so that a long read's
    /// spell does not leave a file of hundreds of megabytes behind.
    /// </summary>
    private long WalFileLimit => 2L * commitCheckpointPages * 4096;

    /// <summary>Opens a connection of the pool's own, with the settings below.</summary>
    private SqliteStatementCache OpenNew()
    {
        var connection = new SqliteConnection(PhysicalConnectionString);
        try
        {
            connection.Open();
            Require(SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds), "The busy timeout could not be set");
            KeepPlansWhateverIsBound(connection);
            Apply(connection, TempStoreInMemory, "Temporary storage could not be set to memory");
            Apply(connection, $"PRAGMA wal_autocheckpoint={commitCheckpointPages}", "The WAL size for a checkpoint in a commit could not be set");
            Apply(connection, $"PRAGMA journal_size_limit={WalFileLimit}", "The WAL file's size limit could not be set");
            return new SqliteStatementCache(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// SQLite's query planner stability guarantee: a statement keeps the plan it was compiled with,
    /// whatever values are bound to it later. Without it, SQLite marks a statement whose plan could
    /// depend on a bound value (a column <c>LIKE @pattern</c>, such as the webhook fan-out of every
    /// change) as expired by every new binding, and compiles it again on its next run. In a create,
    /// recompiling that one statement took about a twentieth of the API's CPU, all of it while
    /// holding the one write turn (<see cref="SqliteWriteGroups"/>) every create waits for. Given up:
    /// a range scan for a pattern with a fixed prefix, which needs an index with the NOCASE collation
    /// (LIKE ignores case), and a partial index whose condition only a bound value would match. The
    /// schema has no NOCASE index, and every query on a partial index names its condition's values
    /// as literals; a new one must do the same (<c>status = 'pending'</c>, not <c>status = @Status</c>).
    /// </summary>
    private static void KeepPlansWhateverIsBound(SqliteConnection connection)
    {
        var rc = SQLitePCL.raw.sqlite3_db_config(connection.Handle, SQLitePCL.raw.SQLITE_DBCONFIG_ENABLE_QPSG, 1, out var enabled);
        Require(rc, "The query planner stability guarantee could not be set");
        Require(enabled == 1 ? SQLitePCL.raw.SQLITE_OK : SQLitePCL.raw.SQLITE_ERROR, "The query planner stability guarantee did not take");
    }

    /// <summary>Runs a connection setting through SQLite's C API, once per connection, which keeps it.</summary>
    private static void Apply(SqliteConnection connection, string pragma, string failure) =>
        Require(SQLitePCL.raw.sqlite3_exec(connection.Handle, pragma), failure);

    /// <summary>Refuses the connection when a setting's call did not return <c>SQLITE_OK</c>.</summary>
    private static void Require(int rc, string failure)
    {
        if (rc != SQLitePCL.raw.SQLITE_OK)
        {
            throw new SqliteException($"{failure} (SQLite error {rc}).", rc);
        }
    }
}
