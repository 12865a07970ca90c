using Dapper;
using ReferralApi.Infrastructure.Data;
using SQLitePCL;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// A statement compiled on a serving connection stays compiled whatever is bound to it: SQLite
/// would otherwise compile a <c>LIKE @pattern</c> again after every new binding.
/// </summary>
public sealed class SqliteStatementPlanTests : SqliteServingFileFixture
{
    [Fact]
    public async Task ALikeOverABoundPattern_RunWithNewPatterns_IsCompiledOnce_AndStillMatches()
    {
        const string Count = "SELECT COUNT(*) FROM t WHERE label LIKE @Pattern ESCAPE '\\'";
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO t (n, label) VALUES (1, 'case.created'), (2, 'case.closed'), (3, 'referral.created')");

        // SQLite asks the authorizer once about every SELECT it compiles (SQLITE_SELECT), and only while compiling.
        var compilations = 0;
        var handle = ((SqliteServingConnection)connection).Inner.Handle!;
        strdelegate_authorizer authorizer = (_, action, _, _, _, _) =>
        {
            compilations += action == raw.SQLITE_SELECT ? 1 : 0;
            return raw.SQLITE_OK;
        };
        raw.sqlite3_set_authorizer(handle, authorizer, null);

        var counts = new List<long>();
        foreach (var pattern in new[] { "%created%", "case.%", "%CLOSED%", "%none%" })
        {
            counts.Add(await connection.ExecuteScalarAsync<long>(Count, new { Pattern = pattern }));
        }

        Assert.Equal([2L, 2L, 1L, 0L], counts);
        Assert.Equal(1, compilations);
    }

    [Fact]
    public async Task EveryServingConnection_HasThePlannerStabilityGuaranteeOn()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        var handle = ((SqliteServingConnection)connection).Inner.Handle!;

        // A negative value leaves the setting as it is and reports it.
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_db_config(handle, raw.SQLITE_DBCONFIG_ENABLE_QPSG, -1, out var enabled));
        Assert.Equal(1, enabled);
    }
}
