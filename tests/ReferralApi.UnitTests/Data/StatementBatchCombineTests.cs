using Npgsql;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// On PostgreSQL a batch of writes goes as one <see cref="NpgsqlBatch"/>: each statement keeps its
/// own positional text and its own arguments in the order of its <c>$n</c>, so statements that use
/// the same <c>@Name</c> for different values cannot mix them up; statements it cannot send
/// positionally leave the batch to run one statement at a time.
/// </summary>
public sealed class StatementBatchCombineTests
{
    private readonly PostgresDialect dialect = new();

    [Fact]
    public void EachStatement_IsABatchCommandOfItsOwn_WithItsArgumentsInTheOrderOfItsPositions()
    {
        using var connection = new NpgsqlConnection();

        using var batch = (NpgsqlBatch?)dialect.Combine(connection,
        [
            ("INSERT INTO t (id, n) VALUES (@Id, @N) -- a closing comment", new { Id = 1, N = 2, Unused = 9 }),
            ("UPDATE u SET n = @N WHERE id = @Id AND k = @Id", new { Id = 3, N = 4 }),
        ]);

        Assert.NotNull(batch);
        Assert.Collection<NpgsqlBatchCommand>(batch.BatchCommands,
            first =>
            {
                Assert.Equal("INSERT INTO t (id, n) VALUES ($1, $2) -- a closing comment", first.CommandText);
                Assert.Equal<object?>([1, 2], first.Parameters.Select(p => p.Value));
                Assert.All(first.Parameters, p => Assert.Equal(string.Empty, p.ParameterName));
            },
            second =>
            {
                Assert.Equal("UPDATE u SET n = $1 WHERE id = $2 AND k = $2", second.CommandText);
                Assert.Equal<object?>([4, 3], second.Parameters.Select(p => p.Value));
                Assert.All(second.Parameters, p => Assert.Equal(string.Empty, p.ParameterName));
            });
    }

    [Fact]
    public void AStatementWhoseArgumentsLackAName_IsRefusedBeforeAnythingIsSent()
    {
        using var connection = new NpgsqlConnection();

        var refused = Assert.Throws<InvalidOperationException>(() => dialect.Combine(connection,
            [("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), ("INSERT INTO t (id, n) VALUES (@Id, @N)", new { Id = 2 })]));

        Assert.Contains("@N", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INSERT INTO t (id) VALUES (@Id); INSERT INTO u (id) VALUES (@Id)")]
    [InlineData("SELECT $$ @Id $$")]
    [InlineData("INSERT INTO t (id) VALUES (1)")]
    public void AStatementItCannotSendPositionally_LeavesTheBatchToRunOneStatementAtATime(string sql)
    {
        using var connection = new NpgsqlConnection();

        Assert.Null(dialect.Combine(connection, [("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), (sql, new { Id = 2 })]));
    }

    [Fact]
    public void ADollarInsideAQuotedLiteral_IsSentAsWritten()
    {
        using var connection = new NpgsqlConnection();

        using var batch = dialect.Combine(connection, [("INSERT INTO t (note, id) VALUES ('fee $1', @Id)", new { Id = 1 }), ("INSERT INTO t (id) VALUES (@Id)", new { Id = 2 })]);

        Assert.Equal("INSERT INTO t (note, id) VALUES ('fee $1', $1)", Assert.IsType<NpgsqlBatch>(batch).BatchCommands[0].CommandText);
    }

    [Fact]
    public void ArgumentsThatAddTheirOwnParameters_LeaveTheBatchToRunOneStatementAtATime()
    {
        using var connection = new NpgsqlConnection();
        var named = new Dapper.DynamicParameters();
        named.Add("Id", 2);

        Assert.Null(dialect.Combine(connection, [("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), ("INSERT INTO t (id) VALUES (@Id)", named)]));
    }

    [Fact]
    public void DapperGivesTheIdentityItsParameterWritersNeed_WithoutAConnection() =>
        Assert.NotNull(DapperIdentity.Value);

    [Fact]
    public void RowsRunOneByOne_LeaveTheBatchToRunOneStatementAtATime()
    {
        using var connection = new NpgsqlConnection();

        Assert.Null(dialect.Combine(connection, [("INSERT INTO t (id) VALUES (@Id)", new[] { new { Id = 1 }, new { Id = 2 } })]));
    }

    [Fact]
    public void EnginesThatDoNotCombine_RunTheStatementsOneAtATime()
    {
        using var connection = new NpgsqlConnection();
        (string, object?)[] batch = [("INSERT INTO t (id) VALUES (@Id)", new { Id = 1 }), ("INSERT INTO t (id) VALUES (@Id)", new { Id = 2 })];

        Assert.False(new SqliteDialect().CombinesBatches);
        Assert.False(new SqlServerDialect().CombinesBatches);
        Assert.Null(new SqliteDialect().Combine(connection, batch));
        Assert.Null(new SqlServerDialect().Combine(connection, batch));
        Assert.True(dialect.CombinesBatches);
    }
}
