using System.Data.Common;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;

namespace ReferralApi.Infrastructure.Data;

internal sealed class SqlServerDialect : SqlDialect
{
    private const int UniqueConstraintViolation = 2627;
    private const int UniqueIndexViolation = 2601;

    /// <summary>
    /// Errors after which the whole unit of work can be re-run: a deadlock victim (1205), the
    /// connection-level errors SqlClient itself retries, and Azure SQL's throttling and failover
    /// answers (10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 4991x). Not -2, the
    /// client's command timeout: the statement may still finish (a timeout during COMMIT can leave
    /// the unit committed), and a slow report would run five times. Not 1222 either: it answers only
    /// to SET LOCK_TIMEOUT, which nothing here sets.
    /// </summary>
    internal static readonly IReadOnlySet<int> TransientNumbers = new HashSet<int>
    {
        1205, 53, 121, 233, 4060, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
    };

    private const string MigrationLockName = "referral-api-migrations";

    // sp_getapplock reports a timeout or deadlock through its return value, not as an error, so
    // the batch raises one itself: migrating without the lock is what the lock exists to prevent.
    public const string MigrationLock = $"""
        DECLARE @granted INT;
        EXEC @granted = sp_getapplock @Resource = N'{MigrationLockName}', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = 120000;
        IF @granted < 0 THROW 50000, N'The migration lock was not granted.', 1;
        """;

    public const string MigrationUnlock = $"EXEC sp_releaseapplock @Resource = N'{MigrationLockName}', @LockOwner = 'Session'";

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string MigrationFolder => "SqlServer";

    public override UpgradeEngineBuilder Migrations(string connectionString) => DeployChanges.To.SqlDatabase(connectionString);

    public override async Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken ct) =>
        await SessionLock.AcquireAsync(new SqlConnection(connectionString), MigrationLock, MigrationUnlock, ct);

    // DELETE TOP needs no subquery, and SQL Server has no LIMIT for one.
    public override string DeleteBatch(string table, string condition, params string[] key) => $"""
        DELETE TOP (@Batch) FROM {table}
        WHERE {condition}
        """;

    public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    public override string Text(string value) => $"N'{value}'";

    // Instants are stored with offset +00:00; style 126 writes the stored (UTC) time as ISO 8601.
    public override string MonthOf(string column) => $"CONVERT(NCHAR(7), SWITCHOFFSET({column}, '+07:00'), 126)";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqlException { Number: UniqueConstraintViolation or UniqueIndexViolation };

    public override bool IsTransient(DbException exception) =>
        exception is SqlException sql && TransientNumbers.Contains(sql.Number);
}
