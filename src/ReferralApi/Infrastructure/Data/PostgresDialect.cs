using System.Collections.Concurrent;
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

    /// <summary>Statements seen so far, rewritten once each; a statement built on the fly beyond this many is rewritten each time.</summary>
    private const int RememberedStatements = 1024;

    private readonly ConcurrentDictionary<string, PositionalStatement?> positional = new(StringComparer.Ordinal);

    public override string MigrationFolder => "PostgreSql";

    /// <summary>
    /// Positional parameters (<see cref="PositionalStatement"/>). Arguments that are a list of rows,
    /// which Dapper runs once per row, or that add their own parameters, keep their names.
    /// </summary>
    public override (string Sql, object? Args) Parameters(string sql, object? args) =>
        KeepsNames(args) || Positional(sql) is not { } statement ? (sql, args) : (statement.Text, new PositionalParameters(statement, args));

    public override bool CombinesBatches => true;

    /// <summary>
    /// Writes as one <see cref="NpgsqlBatch"/>, which Npgsql sends in one round trip, each
    /// statement with its positional text and its arguments in order (<see cref="PositionalParameters"/>),
    /// so Npgsql neither parses nor rewrites any of them, and prepares each once used often enough.
    /// Null, for the statements to run one at a time, when a statement keeps its names (see
    /// <see cref="Parameters"/>: no parameters, or text <see cref="PositionalStatement"/> does not
    /// follow), when its arguments are <see cref="DynamicParameters"/> (whose output parameters a
    /// batch would not fill), or when Dapper gave no identity for its writers (<see cref="DapperIdentity"/>).
    /// </summary>
    public override DbBatch? Combine(DbConnection connection, IReadOnlyList<(string Sql, object? Args)> statements)
    {
        if (DapperIdentity.Value is not { } identity)
        {
            return null;
        }

        var rewritten = new PositionalStatement[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var (sql, args) = statements[i];
            if (args is DynamicParameters || KeepsNames(args) || Positional(sql) is not { } statement)
            {
                return null;
            }

            rewritten[i] = statement;
        }

        var batch = connection.CreateBatch();
        try
        {
            // Dapper writes a statement's arguments to a command; they are moved from there to the batch's.
            using var scratch = connection.CreateCommand();
            for (var i = 0; i < statements.Count; i++)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = rewritten[i].Text;
                PositionalParameters.AddInOrder(rewritten[i], statements[i].Args, scratch, identity, command.Parameters);
                batch.BatchCommands.Add(command);
            }

            return batch;
        }
        catch
        {
            batch.Dispose();
            throw;
        }
    }

    private static bool KeepsNames(object? args) =>
        args is not DynamicParameters and (SqlMapper.IDynamicParameters or (System.Collections.IEnumerable and not string));

    private PositionalStatement? Positional(string sql)
    {
        if (!positional.TryGetValue(sql, out var statement))
        {
            statement = PositionalStatement.TryRewrite(sql);
            if (positional.Count < RememberedStatements)
            {
                positional.TryAdd(sql, statement);
            }
        }

        return statement;
    }

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
