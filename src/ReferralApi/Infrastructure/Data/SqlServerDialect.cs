using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace ReferralApi.Infrastructure.Data;

internal sealed class SqlServerDialect : SqlDialect
{
    private const int UniqueConstraintViolation = 2627;
    private const int UniqueIndexViolation = 2601;

    // Deadlock victim, lock timeout, and the connection-level errors SqlClient itself retries.
    private static readonly HashSet<int> TransientNumbers = [1205, 1222, -2, 53, 121, 233, 4060, 10053, 10054, 10060, 40197, 40501, 40613, 49918, 49919, 49920];

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    // Instants are stored with offset +00:00; style 126 writes the stored (UTC) time as ISO 8601.
    public override string MonthOf(string column) => $"CONVERT(NCHAR(7), SWITCHOFFSET({column}, '+07:00'), 126)";

    public override bool IsUniqueViolation(DbException exception, out string? constraint)
    {
        // The message names the index ("... with unique index 'ux_...'"); it is matched, never shown.
        var unique = exception is SqlException { Number: UniqueConstraintViolation or UniqueIndexViolation };
        constraint = unique ? exception.Message : null;
        return unique;
    }

    public override bool IsTransient(DbException exception) =>
        exception is SqlException sql && TransientNumbers.Contains(sql.Number);
}
