using System.Data.Common;
using Npgsql;

namespace ReferralApi.Infrastructure.Data;

internal sealed class PostgresDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    public override string MonthOf(string column) => $"to_char(({column} AT TIME ZONE 'UTC') + INTERVAL '7 hours', 'YYYY-MM')";

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
