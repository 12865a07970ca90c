using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Data;

internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    private const string SqliteWal = "PRAGMA journal_mode=WAL";

    private SqliteWriteGroups? writeGroups;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override bool GathersBeforeGroupCommit => true;

    /// <summary>
    /// SQLite lets one writer in at a time: this process's units take turns and commit in groups
    /// (<see cref="SqliteWriteGroups"/>). Other processes on the same file are still kept apart by
    /// SQLite's busy wait.
    /// </summary>
    public override Task<WriteTransaction> BeginWriteAsync(DbDataSource source, Func<CancellationToken, Task<DbConnection>> ownConnection, CancellationToken ct) =>
        GroupsFor(source).JoinAsync(ct);

    public override async Task<WriteTransaction?> BeginSingleWriteAsync(DbDataSource source, CancellationToken ct) =>
        await GroupsFor(source).JoinAsync(ct);

    /// <summary>This application's write groups, once a unit has written.</summary>
    internal SqliteWriteGroups? WriteGroups => writeGroups;

    /// <summary>One set of groups per dialect, that is per application: its data source never changes.</summary>
    private SqliteWriteGroups GroupsFor(DbDataSource source)
    {
        if (writeGroups is { } groups)
        {
            return groups;
        }

        Interlocked.CompareExchange(ref writeGroups, new SqliteWriteGroups(ct => OpenAsync(source, ct).AsTask()), null);
        return writeGroups;
    }

    public override string MigrationFolder => "Sqlite";

    public override UpgradeEngineBuilder Migrations(string connectionString) => DeployChanges.To.SqliteDatabase(connectionString);

    public override async Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken ct) =>
        await SqliteFileLock.AcquireAsync(connectionString, ct);

    /// <summary>WAL is a property of the database file: set once, every later connection uses it.</summary>
    public override async Task AfterMigrationsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteWal;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Statement spans, on each hand-out: a connection opened before tracing listened (at start-up)
    /// gets them once it does. The busy wait is set once, when the pool opens the connection.
    /// </summary>
    public override Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        SqliteCommandTracing.Attach(((SqliteServingConnection)connection).Inner);
        return Task.CompletedTask;
    }

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    // Instants are stored as fixed-width UTC text, so the month is its first seven characters.
    public override string MonthOf(string column) => $"strftime('%Y-%m', {column}, '+7 hours')";

    // The extended code says which constraint kind failed; the message only names columns.
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey };

    /// <summary>A busy or locked file, or a unit whose write group rolled back before committing.</summary>
    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } or UnitRolledBackException;
}
