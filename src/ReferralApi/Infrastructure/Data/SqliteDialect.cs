using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

internal sealed class SqliteDialect : SqlDialect
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;

    /// <summary>
    /// SQLite's own busy handler: a writer that finds the database locked waits inside SQLite,
    /// polling every few milliseconds. Without it Microsoft.Data.Sqlite retries a busy statement
    /// after a fixed 150 ms sleep, so two short transactions that meet cost one of them 150 ms;
    /// with several writers (the delivery worker, requests) that dominated throughput. The
    /// provider's own retry loop still applies beyond this wait, up to the command timeout.
    /// </summary>
    private const string SqliteBusyTimeout = "PRAGMA busy_timeout = 5000";

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteBusyTimeout;
        await command.ExecuteNonQueryAsync(ct);
    }

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    // Ids are stored as their canonical text (see DapperTypeHandlers), so they are compared as text.
    public override string InList(DynamicParameters args, string column, string name, IReadOnlyCollection<Guid> values) =>
        InList(args, column, name, [.. values.Select(id => id.ToString("D"))]);

    // Instants are stored as fixed-width UTC text, so the month is its first seven characters.
    public override string MonthOf(string column) => $"substring({column}, 1, 7)";

    public override bool IsUniqueViolation(DbException exception, out string? constraint)
    {
        // SQLite names the columns, not the index: "UNIQUE constraint failed: referrals.from_agency_id, ..."
        var unique = exception is SqliteException { SqliteErrorCode: SqliteConstraint } sqlite
            && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal);
        constraint = unique ? exception.Message : null;
        return unique;
    }

    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };
}
