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

    /// <summary>Batches seen so far, by their statements (each rewritten once), with their command text.</summary>
    private readonly ConcurrentDictionary<BatchKey, string> combined = new();

    public override string MigrationFolder => "PostgreSql";

    /// <summary>
    /// Positional parameters (<see cref="PositionalStatement"/>). Arguments that are a list of rows,
    /// which Dapper runs once per row, or that add their own parameters, keep their names.
    /// </summary>
    public override (string Sql, object? Args) Parameters(string sql, object? args) =>
        KeepsNames(args) || Positional(sql) is not { } statement ? (sql, args) : (statement.Text, new PositionalParameters(statement, args));

    public override bool CombinesBatches => true;

    /// <summary>
    /// Writes as one command of several statements (<see cref="BatchParameters"/>), which Npgsql
    /// sends in one round trip; null when a statement keeps its names (see <see cref="Parameters"/>;
    /// a statement without parameters does too) or holds a <c>$</c> of its own, even quoted, since
    /// every <c>$n</c> of a rewritten statement is renamed.
    /// </summary>
    public override (string Sql, object Args)? Combine(IReadOnlyList<(string Sql, object? Args)> statements)
    {
        var rewritten = new (PositionalStatement Statement, object? Args)[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var (sql, args) = statements[i];
            if (KeepsNames(args) || sql.Contains('$', StringComparison.Ordinal) || Positional(sql) is not { } statement)
            {
                return null;
            }

            rewritten[i] = (statement, args);
        }

        var key = new BatchKey([.. rewritten.Select(r => r.Statement)]);
        if (!combined.TryGetValue(key, out var text))
        {
            text = BatchParameters.TextOf(key.Statements);
            if (combined.Count < RememberedStatements)
            {
                combined.TryAdd(key, text);
            }
        }

        return (text, new BatchParameters(rewritten));
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

    /// <summary>A batch's statements in order, equal when they are the same statements: no text is joined to look one up.</summary>
    private sealed class BatchKey(PositionalStatement[] statements) : IEquatable<BatchKey>
    {
        public PositionalStatement[] Statements => statements;

        public bool Equals(BatchKey? other) =>
            other is not null && statements.AsSpan().SequenceEqual(other.Statements, ReferenceEqualityComparer.Instance);

        public override bool Equals(object? obj) => Equals(obj as BatchKey);

        public override int GetHashCode()
        {
            var hash = default(HashCode);
            foreach (var statement in statements)
            {
                hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(statement));
            }

            return hash.ToHashCode();
        }
    }
}
