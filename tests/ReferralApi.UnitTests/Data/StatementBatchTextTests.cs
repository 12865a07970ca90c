using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// On PostgreSQL a batch of writes goes as one command: each statement keeps its text, with
/// parameter names of its own, so statements that use the same <c>@Name</c> for different values
/// get different names in the command; statements it cannot rename safely leave the batch to run
/// one statement at a time.
/// </summary>
public sealed class StatementBatchTextTests
{
    private readonly PostgresDialect dialect = new();

    [Fact]
    public void EachStatement_GetsNamesOfItsOwn_AndTheStatementsAreJoinedInOrder()
    {
        var combined = dialect.Combine(
        [
            ("INSERT INTO t (id, n) VALUES (@Id, @N) -- a closing comment", new { Id = 1, N = 2 }),
            ("UPDATE u SET n = @N WHERE id = @Id AND k = @Id", new { Id = 3, N = 4 }),
        ]);

        Assert.NotNull(combined);
        Assert.Equal(
            "INSERT INTO t (id, n) VALUES (@b0_1, @b0_2) -- a closing comment\n;\nUPDATE u SET n = @b1_1 WHERE id = @b1_2 AND k = @b1_2",
            combined.Value.Sql);
        Assert.IsType<BatchParameters>(combined.Value.Args);
    }

    [Fact]
    public void TheSameStatementsAgain_GiveTheSameCommandText()
    {
        (string, object?)[] batch = [("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), ("INSERT INTO u (id) VALUES (@Id)", new { Id = 2 })];

        Assert.Same(dialect.Combine(batch)!.Value.Sql, dialect.Combine(batch)!.Value.Sql);
    }

    [Theory]
    [InlineData("INSERT INTO t (id) VALUES (@Id); INSERT INTO u (id) VALUES (@Id)")]
    [InlineData("SELECT $$ @Id $$")]
    [InlineData("INSERT INTO t (note, id) VALUES ('fee $1', @Id)")]
    [InlineData("INSERT INTO t (id) VALUES (1)")]
    public void AStatementItCannotRenameSafely_LeavesTheBatchToRunOneStatementAtATime(string sql) =>
        Assert.Null(dialect.Combine([("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), (sql, new { Id = 2 })]));

    [Fact]
    public void RowsRunOneByOne_LeaveTheBatchToRunOneStatementAtATime() =>
        Assert.Null(dialect.Combine([("INSERT INTO t (id) VALUES (@Id)", new[] { new { Id = 1 }, new { Id = 2 } })]));

    [Fact]
    public void EnginesThatDoNotCombine_RunTheStatementsOneAtATime()
    {
        (string, object?)[] batch = [("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), ("INSERT INTO t (id) VALUES (@Id)", new { Id = 2 })];

        Assert.False(new SqliteDialect().CombinesBatches);
        Assert.False(new SqlServerDialect().CombinesBatches);
        Assert.Null(new SqliteDialect().Combine(batch));
        Assert.Null(new SqlServerDialect().Combine(batch));
        Assert.True(dialect.CombinesBatches);
    }
}
