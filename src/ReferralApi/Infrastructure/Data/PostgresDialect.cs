using System.Data.Common;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

internal sealed class PostgresDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    /// <summary>Dapper passes a list to Npgsql as one array parameter, and <c>IN $1</c> is not valid SQL.</summary>
    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

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
