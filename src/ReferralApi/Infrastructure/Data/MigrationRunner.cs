using System.Data.Common;
using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Applies the forward-only scripts of <c>Database/&lt;Engine&gt;/</c> with DbUp. Several instances may
/// start at once, so the run holds an engine-level lock: an advisory lock on PostgreSQL, an
/// application lock on SQL Server, an exclusive lock file beside the SQLite database.
/// </summary>
internal sealed partial class MigrationRunner(DatabaseProvider provider, string connectionString, ILogger<MigrationRunner> logger)
{
    private const long PostgresLockKey = 0x5245_4652_4150_49; // "REFRAPI"
    private const string SqlServerLockName = "referral-api-migrations";

    // Named fields rather than inline strings so the syntax tests find every statement sent.
    private static readonly string PostgresLock = $"SELECT pg_advisory_lock({PostgresLockKey})";
    private static readonly string PostgresUnlock = $"SELECT pg_advisory_unlock({PostgresLockKey})";

    // sp_getapplock reports a timeout or deadlock through its return value, not as an error, so
    // the batch raises one itself: migrating without the lock is what the lock exists to prevent.
    private const string SqlServerLock = $"""
        DECLARE @granted INT;
        EXEC @granted = sp_getapplock @Resource = N'{SqlServerLockName}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000;
        IF @granted < 0 THROW 50000, N'The migration lock was not granted.', 1;
        """;

    private const string SqlServerUnlock = $"EXEC sp_releaseapplock @Resource = N'{SqlServerLockName}', @LockOwner = 'Session'";

    private const string SqliteWal = "PRAGMA journal_mode=WAL";

    public async Task RunAsync(CancellationToken ct)
    {
        switch (provider)
        {
            case DatabaseProvider.Postgres:
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync(ct);
                    await ExecuteAsync(connection, PostgresLock, ct);
                    try
                    {
                        Upgrade(DeployChanges.To.PostgresqlDatabase(connectionString), "PostgreSql");
                    }
                    finally
                    {
                        // A pooled connection outlives this block, and with it a session lock.
                        await ExecuteAsync(connection, PostgresUnlock, CancellationToken.None);
                    }
                }

                break;
            case DatabaseProvider.SqlServer:
                await using (var connection = new SqlConnection(connectionString))
                {
                    await connection.OpenAsync(ct);
                    await ExecuteAsync(connection, SqlServerLock, ct);
                    try
                    {
                        Upgrade(DeployChanges.To.SqlDatabase(connectionString), "SqlServer");
                    }
                    finally
                    {
                        // A pooled connection outlives this block, and with it a session lock.
                        await ExecuteAsync(connection, SqlServerUnlock, CancellationToken.None);
                    }
                }

                break;
            default:
                using (await SqliteFileLock.AcquireAsync(connectionString, ct))
                {
                    Upgrade(DeployChanges.To.SqliteDatabase(connectionString), "Sqlite");
                    await using var connection = new SqliteConnection(connectionString);
                    await connection.OpenAsync(ct);
                    await ExecuteAsync(connection, SqliteWal, ct);
                }

                break;
        }
    }

    private void Upgrade(UpgradeEngineBuilder builder, string folder)
    {
        var prefix = $"ReferralApi.Database.{folder}.";
        var result = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 150;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Script names only; DbUp's own messages may quote SQL, which stays out of the log.</summary>
    private sealed partial class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args)
        {
            if (format.StartsWith("Executing Database Server script", StringComparison.Ordinal) && args.Length > 0)
            {
                Applying(logger, args[0]);
            }
        }

        public void LogWarning(string format, params object[] args) { }

        public void LogError(string format, params object[] args) => Failed(logger);

        public void LogError(Exception ex, string format, params object[] args) => Failed(logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Script}")]
        private static partial void Applying(ILogger logger, object script);

        [LoggerMessage(Level = LogLevel.Error, Message = "A migration failed")]
        private static partial void Failed(ILogger logger);
    }
}
