using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// On PostgreSQL a batch of writes goes as one command: each statement keeps its text, with
/// parameter names of its own, so statements that use the same <c>@Name</c> for different values
/// cannot mix them up.
/// </summary>
public sealed class StatementBatchTextTests
{
    private readonly PostgresDialect dialect = new();

    [Fact]
    public void EachStatement_GetsNamesOfItsOwn_AndTheStatementsAreJoinedInOrder()
    {
        var combined = dialect.Combine(
        [
            ("INSERT INTO t (id, n) VALUES (@Id, @N)", new { Id = 1, N = 2 }),
            ("UPDATE u SET n = @N WHERE id = @Id AND k = @Id", new { Id = 3, N = 4 }),
        ]);

        Assert.NotNull(combined);
        Assert.Equal("INSERT INTO t (id, n) VALUES (@b0_1, @b0_2);\nUPDATE u SET n = @b1_1 WHERE id = @b1_2 AND k = @b1_2", combined.Value.Sql);
        Assert.IsType<BatchParameters>(combined.Value.Args);
    }

    [Theory]
    [InlineData("INSERT INTO t (id) VALUES (@Id); INSERT INTO u (id) VALUES (@Id)")]
    [InlineData("SELECT $$ @Id $$")]
    public void AStatementThatKeepsItsNames_LeavesTheBatchToRunOneStatementAtATime(string sql) =>
        Assert.Null(dialect.Combine([("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), (sql, new { Id = 2 })]));

    [Fact]
    public void RowsRunOneByOne_LeaveTheBatchToRunOneStatementAtATime() =>
        Assert.Null(dialect.Combine([("INSERT INTO t (id) VALUES (@Id)", new[] { new { Id = 1 }, new { Id = 2 } })]));

    [Fact]
    public void EnginesWithoutRoundTripsToSave_RunTheStatementsOneAtATime() =>
        Assert.Null(new SqliteDialect().Combine([("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), ("INSERT INTO t (id) VALUES (@Id)", new { Id = 2 })]));
}
