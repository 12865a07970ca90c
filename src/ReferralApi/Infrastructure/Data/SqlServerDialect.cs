using System.Data.Common;
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

    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    // Instants are stored with offset +00:00; style 126 writes the stored (UTC) time as ISO 8601.
    public override string MonthOf(string column) => $"CONVERT(NCHAR(7), {column}, 126)";

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
