using System.Data.Common;
using Dapper;
using DbUp;
using DbUp.Builder;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

internal sealed class PostgresDialect : SqlDialect
{
    private const long MigrationLockKey = 0x5245_4652_4150_49; // "REFRAPI"

    // Named fields rather than inline strings so the syntax tests find every statement sent.
    public static readonly string MigrationLock = $"SELECT pg_advisory_lock({MigrationLockKey})";
    public static readonly string MigrationUnlock = $"SELECT pg_advisory_unlock({MigrationLockKey})";

    public override string MigrationFolder => "PostgreSql";

    public override UpgradeEngineBuilder Migrations(string connectionString) => DeployChanges.To.PostgresqlDatabase(connectionString);

    public override async Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken ct) =>
        await SessionLock.AcquireAsync(new NpgsqlConnection(connectionString), MigrationLock, MigrationUnlock, ct);

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    // One array parameter (uuid[] or text[], as Npgsql infers from the .NET array): one statement text whatever the count.
    public override bool BindsArrays => true;

    public override string InList(DynamicParameters args, string column, string name, IReadOnlyCollection<string> values)
    {
        args.Add(name, values.ToArray());
        return $"{column} = ANY(@{name})";
    }

    public override string MonthOf(string column) => $"to_char(({column} AT TIME ZONE 'UTC') + INTERVAL '7 hours', 'YYYY-MM')";

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    public override bool IsTransient(DbException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
