using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Infrastructure.Data;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Database;

/// <summary>
/// The stores write <c>@Name</c> parameters; each engine's dialect sends them its own way
/// (PostgreSQL as <c>$1</c>, <c>$2</c>, ... in order). Whatever the way, the values reach the
/// statement as written.
/// </summary>
public abstract class StatementParametersTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANameUsedTwice_AndNamesInsideQuotesAndComments_ReachTheStatementAsWritten()
    {
        const string Sql = """
            SELECT CASE WHEN @N > 1 AND @N < 3 AND '@Label' = '@Label' THEN @Label ELSE @Other END -- @Missing
            """;

        var picked = await Run(db => db.ExecuteScalarAsync<string>(Sql, new { N = 2, Label = "two", Other = "other", Unused = 9 }, Ct));
        var other = await Run(db => db.ExecuteScalarAsync<string>(Sql, new { N = 5, Label = "two", Other = "other" }, Ct));

        Assert.Equal("two", picked);
        Assert.Equal("other", other);
    }

    [Fact]
    public async Task ListsBuiltByTheDialect_AndRowsRunOneByOne_KeepTheirValues()
    {
        await Run(db => db.ExecuteAsync("CREATE TABLE parameter_probe (code VARCHAR(20) NOT NULL, n INT NOT NULL)", null, Ct));
        await Run(db => db.ExecuteAsync(
            "INSERT INTO parameter_probe (code, n) VALUES (@Code, @N)",
            new[] { new { Code = "a", N = 1 }, new { Code = "b", N = 2 }, new { Code = "c", N = 3 } },
            Ct));

        var args = new DynamicParameters();
        args.Add("Least", 2);
        var sql = "SELECT code FROM parameter_probe WHERE n >= @Least AND " + Dialect.InList(args, "code", "Codes", ["a", "c"]);
        var codes = await Run(db => db.QueryAsync<string>(sql, args, Ct));

        Assert.Equal(["c"], codes);
    }

    [Fact]
    public async Task ABatch_WritesEachStatementWithItsOwnValuesInOrder_AgainAndAgain_AndItsFirstErrorUndoesTheTransaction()
    {
        await Run(db => db.ExecuteAsync("CREATE TABLE batch_probe (code VARCHAR(20) NOT NULL UNIQUE, n INT NOT NULL)", null, Ct));
        const string Insert = "INSERT INTO batch_probe (code, n) VALUES (@Code, @N)";
        const string Raise = "UPDATE batch_probe SET n = n + @By WHERE code = @Code OR code = @Code";

        using var commands = new CommandCounter("INSERT INTO batch_probe");
        await Run(db => db.InTransactionAsync(async token =>
        {
            var writes = db.Batch();
            writes.Add(Insert, new { Code = "a", N = 1, Unused = 7 });
            writes.Add(Insert, new { Code = "b", N = 2 });
            writes.Add(Raise, new { By = 10, Code = "a" });
            await writes.ExecuteAsync(token);

            // The same statements again on the same connection, as a batch import sends one create after another.
            writes.Add(Insert, new { Code = "x", N = 1 });
            writes.Add(Insert, new { Code = "y", N = 2 });
            writes.Add(Raise, new { By = 10, Code = "x" });
            await writes.ExecuteAsync(token);
            return true;
        }, Ct));
        var sent = commands.Count;

        // The second insert breaks the unique code; the third would break NOT NULL, had it run.
        var refused = await Assert.ThrowsAnyAsync<DbException>(() => Run(db => db.InTransactionAsync(async token =>
        {
            var writes = db.Batch();
            writes.Add(Insert, new { Code = "c", N = 3 });
            writes.Add(Insert, new { Code = "a", N = 4 });
            writes.Add(Insert, new { Code = (string?)null, N = 5 });
            await writes.ExecuteAsync(token);
            return true;
        }, Ct)));

        Assert.True(Dialect.IsUniqueViolation(refused));
        var rows = await Run(db => db.QueryAsync<(string Code, int N)>("SELECT code AS Code, n AS N FROM batch_probe ORDER BY code", null, Ct));
        Assert.Equal([("a", 11), ("b", 2), ("x", 11), ("y", 2)], rows);
        if (Dialect.CombinesBatches)
        {
            // One command for each batch of three statements: one round trip each.
            Assert.Equal(2, sent);
        }
    }

    [Fact]
    public async Task ABatch_CarriesIdsInstantsAndNulls_AndItsConnectionThenServesRowsRunOneByOne()
    {
        await Run(db => db.ExecuteAsync(Dialect.Provider switch
        {
            DatabaseProvider.Postgres => "CREATE TABLE batch_types_probe (id UUID NOT NULL, at TIMESTAMPTZ NULL, note VARCHAR(20) NULL)",
            DatabaseProvider.SqlServer => "CREATE TABLE batch_types_probe (id UNIQUEIDENTIFIER NOT NULL, at DATETIMEOFFSET NULL, note NVARCHAR(20) NULL)",
            _ => "CREATE TABLE batch_types_probe (id TEXT NOT NULL, at TEXT NULL, note TEXT NULL)",
        }, null, Ct));
        const string Insert = "INSERT INTO batch_types_probe (id, at, note) VALUES (@Id, @At, @Note)";
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var at = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);

        await Run(db => db.InTransactionAsync(async token =>
        {
            var writes = db.Batch();
            writes.Add(Insert, new { Id = first, At = (DateTimeOffset?)at, Note = (string?)null });
            writes.Add(Insert, new { Id = second, At = (DateTimeOffset?)null, Note = (string?)"second" });
            await writes.ExecuteAsync(token);

            // Rows run one by one keep their names: on the connection the batch has just used.
            await db.ExecuteAsync(Insert, new[] { new { Id = third, At = (DateTimeOffset?)at, Note = (string?)"third" } }, token);
            return true;
        }, Ct));

        var rows = await Run(db => db.QueryAsync<(Guid Id, DateTimeOffset? At, string? Note)>(
            "SELECT id AS Id, at AS At, note AS Note FROM batch_types_probe", null, Ct));
        Assert.Equal(
            [(first, at, null), (second, null, "second"), (third, at, "third")],
            rows.OrderBy(row => row.Note ?? string.Empty).Select(row => (row.Id, row.At, row.Note)));
    }

    private SqlDialect Dialect => fx.Factory.Services.GetRequiredService<SqlDialect>();

    private async Task<T> Run<T>(Func<UnitOfWork, Task<T>> statement)
    {
        await using var scope = fx.Factory.Services.CreateAsyncScope();
        return await statement(scope.ServiceProvider.GetRequiredService<UnitOfWork>());
    }
}

public sealed class StatementParametersTests_Sqlite(ApiFixture<Sqlite> fx) : StatementParametersTests<Sqlite>(fx);

public sealed class StatementParametersTests_Postgres(ApiFixture<Postgres> fx) : StatementParametersTests<Postgres>(fx);

public sealed class StatementParametersTests_SqlServer(ApiFixture<SqlServer> fx) : StatementParametersTests<SqlServer>(fx);

/// <summary>Counts the Npgsql commands whose text starts with a given prefix, from Npgsql's own traces.</summary>
internal sealed class CommandCounter : IDisposable
{
    private readonly ActivityListener listener;
    private int count;

    public CommandCounter(string prefix)
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
                if (text?.StartsWith(prefix, StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref count);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    public int Count => Volatile.Read(ref count);

    public void Dispose() => listener.Dispose();
}
