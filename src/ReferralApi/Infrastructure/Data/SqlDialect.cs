using System.Data.Common;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The few places where the engines differ, side by side. Everything else is portable SQL
/// written once in the stores.
/// </summary>
internal abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Row limit appended after ORDER BY; the parameter holds the limit.</summary>
    public abstract string Limit(string parameter);

    /// <summary>
    /// Membership in a list parameter. Dapper expands <c>IN @List</c> into one parameter per value,
    /// except on PostgreSQL where it binds the list as one array, which needs <c>= ANY(...)</c>.
    /// </summary>
    public virtual string InList(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>The calendar month in WIB (UTC+7, West Kalimantan's time) of an instant column as <c>yyyy-MM</c> text, for grouping.</summary>
    public abstract string MonthOf(string column);

    public abstract bool IsUniqueViolation(DbException exception, out string? constraint);

    /// <summary>Errors after which re-running the whole transaction can succeed.</summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>Per-connection settings applied each time a pooled connection is handed out.</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
