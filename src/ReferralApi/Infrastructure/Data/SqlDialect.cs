using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;
using DbUp.Builder;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The few places where the engines differ, side by side. Everything else is portable SQL
/// written once in the stores.
/// </summary>
internal abstract class SqlDialect
{
    private readonly ConcurrentDictionary<MethodInfo, string> built = new();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>
    /// The statement <paramref name="build"/> makes for this dialect, built once: stores are
    /// scoped to a request, so building it in a store would repeat the work on every request.
    /// </summary>
    public string Built(Func<SqlDialect, string> build) =>
        built.GetOrAdd(build.Method, static (_, state) => state.build(state.dialect), (build, dialect: this));

    /// <summary>
    /// Whether a parameter may hold an array (PostgreSQL). Many rows of one shape then travel as
    /// one statement over arrays, prepared once, instead of one execution per row.
    /// </summary>
    public virtual bool BindsArrays => false;

    /// <summary>
    /// Whether a group commit (<see cref="GroupCommit{T}"/>) lets the work queued on the thread pool
    /// run before it gathers a batch. Measured: on SQLite, where the batch's statements and its sync
    /// run on the loop's own thread, batches grew from about 7 reads to 13 and reads got faster; on
    /// PostgreSQL, where the loop waits on the network and requests meanwhile hand their rows over
    /// anyway, reads got slower.
    /// </summary>
    public virtual bool GathersBeforeGroupCommit => false;

    /// <summary>
    /// The text and arguments a statement is sent with. The stores write <c>@Name</c> parameters
    /// and pass an object whose members hold them; a dialect may send them otherwise.
    /// </summary>
    public virtual (string Sql, object? Args) Parameters(string sql, object? args) => (sql, args);

    /// <summary>
    /// Whether <see cref="Combine"/> sends a batch of writes in one round trip. SQLite has no round
    /// trips to save; SQL Server could, but its batches have not run on a server here, so each of
    /// its statements still goes alone (a store's own multi-statement commands stay whole).
    /// </summary>
    public virtual bool CombinesBatches => false;

    /// <summary>
    /// Several writes as one batch on <paramref name="connection"/>, which travels in one round
    /// trip; null where the engine does not combine (<see cref="CombinesBatches"/>) or a statement
    /// cannot be combined: then <see cref="StatementBatch"/> runs each alone, in order.
    /// </summary>
    public virtual DbBatch? Combine(DbConnection connection, IReadOnlyList<(string Sql, object? Args)> statements) => null;

    /// <summary>Row limit appended after ORDER BY; the parameter holds the limit.</summary>
    public abstract string Limit(string parameter);

    /// <summary>
    /// Membership of <paramref name="column"/> (a text column) in <paramref name="values"/>, added
    /// to <paramref name="args"/> as <c>@name0, @name1, ...</c> (one array on PostgreSQL). Each
    /// value is typed here rather than by Dapper's list expansion, which skips type handlers: on
    /// SQL Server it would send sql_variant, and a column compared with sql_variant is scanned.
    /// Each is an nvarchar of one fixed size, so SQL Server reuses one plan.
    /// </summary>
    public virtual string InList(DynamicParameters args, string column, string name, IReadOnlyCollection<string> values) =>
        Expand(args, column, name, values, (args, parameter, value) => args.Add(parameter, value, DbType.String, size: TextParameterSize));

    /// <summary>The size Dapper itself gives short strings (nvarchar(4000)).</summary>
    protected const int TextParameterSize = 4000;

    protected static string Expand<T>(DynamicParameters args, string column, string name, IReadOnlyCollection<T> values, Action<DynamicParameters, string, T> add)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("An empty list matches nothing; the caller decides what that means.", nameof(values));
        }

        var names = new List<string>(values.Count);
        foreach (var value in values)
        {
            var parameter = name + names.Count.ToString(CultureInfo.InvariantCulture);
            add(args, parameter, value);
            names.Add("@" + parameter);
        }

        return $"{column} IN ({string.Join(", ", names)})";
    }

    /// <summary>
    /// Deletes at most <c>@Batch</c> rows of <paramref name="table"/> matching
    /// <paramref name="condition"/>, found by their <paramref name="key"/> columns. A purge deletes batch by batch, each its own short statement: one DELETE of every
    /// old row could take more than SQL Server's ~5,000 row locks and escalate to a table lock.
    /// </summary>
    public virtual string DeleteBatch(string table, string condition, params string[] key) => $"""
        DELETE FROM {table}
        WHERE {(key.Length == 1 ? key[0] : $"({string.Join(", ", key)})")} IN (
            SELECT {string.Join(", ", key)} FROM {table}
            WHERE {condition}
            {Limit("@Batch")})
        """;

    /// <summary>
    /// A text literal as the engine types its text columns: SQL Server's are nvarchar, and a
    /// filtered index on them is matched only by N'...' literals.
    /// </summary>
    public virtual string Text(string value) => $"'{value}'";

    /// <summary>The calendar month in WIB (UTC+7, West Kalimantan's time) of an instant column as <c>yyyy-MM</c> text, for grouping.</summary>
    public abstract string MonthOf(string column);

    /// <summary>
    /// A unique key refused the row. Which key is not said: SQLite names columns, not constraints,
    /// so a caller that must tell keys apart runs a statement that can break only one.
    /// </summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Errors after which re-running the whole transaction can succeed.</summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>The folder of this engine's forward-only scripts: <c>Database/&lt;folder&gt;/</c>.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>DbUp's runner for this engine.</summary>
    public abstract UpgradeEngineBuilder Migrations(string connectionString);

    /// <summary>The engine's lock around a migration run, held until disposed: several instances may start at once.</summary>
    public abstract Task<IAsyncDisposable> LockMigrationsAsync(string connectionString, CancellationToken ct);

    /// <summary>Database-wide settings that outlive a connection, applied once the schema is current.</summary>
    public virtual Task AfterMigrationsAsync(string connectionString, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// The transaction a unit of work writes in: by default one of the unit's own connection
    /// (<paramref name="ownConnection"/> opens it, or hands back the one already open).
    /// </summary>
    public virtual async Task<WriteTransaction> BeginWriteAsync(
        DbDataSource source, Func<CancellationToken, Task<DbConnection>> ownConnection, CancellationToken ct) =>
        await OwnTransaction.BeginAsync(await ownConnection(ct), ct);

    /// <summary>
    /// Where a write outside any transaction runs: null to run it alone on the unit's own connection
    /// (the default), or a transaction that commits it, where writers take turns in the process.
    /// </summary>
    public virtual Task<WriteTransaction?> BeginSingleWriteAsync(DbDataSource source, CancellationToken ct) =>
        Task.FromResult<WriteTransaction?>(null);

    /// <summary>Per-connection settings applied each time a pooled connection is handed out.</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A pooled connection from <paramref name="source"/>, open and prepared (<see cref="PrepareAsync"/>).</summary>
    public async ValueTask<DbConnection> OpenAsync(DbDataSource source, CancellationToken ct)
    {
        DbConnection opened;
        try
        {
            opened = await source.OpenConnectionAsync(ct);
        }
        catch (InvalidOperationException e)
        {
            // SqlClient's answer when every pooled connection is in use: the server is busy, not broken.
            throw new TimeoutException("No pooled database connection became free in time.", e);
        }

        try
        {
            await PrepareAsync(opened, ct);
            return opened;
        }
        catch
        {
            await opened.DisposeAsync();
            throw;
        }
    }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(),
        DatabaseProvider.Postgres => new PostgresDialect(),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}
