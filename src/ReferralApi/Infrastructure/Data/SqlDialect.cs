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
    /// A column matched against a list parameter. Dapper expands <c>IN @list</c> into one parameter
    /// per item, except where the provider takes arrays natively (Npgsql), which needs its own form.
    /// </summary>
    public virtual string InList(string column, string parameter) => $"{column} IN {parameter}";

    public abstract bool IsUniqueViolation(DbException exception, out string? constraint);

    /// <summary>Errors after which re-running the whole transaction can succeed.</summary>
    public abstract bool IsTransient(DbException exception);

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
