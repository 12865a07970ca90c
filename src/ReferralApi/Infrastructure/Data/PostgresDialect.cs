using System.Data.Common;
using Dapper;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

internal sealed class PostgresDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    // One array parameter (uuid[] or text[], as Npgsql infers from the .NET array): one statement text whatever the count.
    public override string InList(DynamicParameters args, string column, string name, IReadOnlyCollection<Guid> values)
    {
        args.Add(name, values.ToArray());
        return $"{column} = ANY(@{name})";
    }

    public override string InList(DynamicParameters args, string column, string name, IReadOnlyCollection<string> values)
    {
        args.Add(name, values.ToArray());
        return $"{column} = ANY(@{name})";
    }

    public override string MonthOf(string column) => $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM')";

    public override bool IsUniqueViolation(DbException exception, out string? constraint)
    {
        var unique = exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
        constraint = unique ? ((PostgresException)exception).ConstraintName : null;
        return unique;
    }

    public override bool IsTransient(DbException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
