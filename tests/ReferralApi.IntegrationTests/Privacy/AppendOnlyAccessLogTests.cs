using System.Data.Common;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// The access log is append-only in the schema itself: even a statement sent straight to the
/// database, bypassing the API, cannot change or remove a row.
/// </summary>
public abstract class AppendOnlyAccessLogTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("UPDATE access_log SET action = 'nothing_happened'")]
    [InlineData("UPDATE access_log SET correlation_id = 'rewritten' WHERE action = 'create'")]
    [InlineData("DELETE FROM access_log")]
    [InlineData("DELETE FROM access_log WHERE action = 'read'")]
    public async Task ChangingOrRemovingRows_IsRefusedByTheDatabase(string statement)
    {
        using var sender = await Support.Scenario.CreateAgencyAsync(fx);
        using var receiver = await Support.Scenario.CreateAgencyAsync(fx);
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        await ReferralSteps.GetAsync(receiver, id);
        var before = await AccessLogApi.ForReferralAsync(sender.Client, id);

        await using var connection = fx.CreateConnection();
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(statement));

        var after = await AccessLogApi.ForReferralAsync(sender.Client, id);
        Assert.Equal(before.Select(e => e.ToJsonString()), after.Take(before.Count).Select(e => e.ToJsonString()));
        Assert.Equal(["create", "acknowledge", "read"], AccessLogApi.Actions(before).Take(3));
    }

    [Theory]
    [InlineData("UPDATE access_log SET action = 'nothing_happened' WHERE 1 = 0")]
    [InlineData("DELETE FROM access_log WHERE action = 'no_such_action'")]
    public async Task StatementsThatMatchNoRow_Pass(string statement)
    {
        // SQL Server's INSTEAD OF trigger fires even for no row; it must refuse changes, not statements.
        using var sender = await Support.Scenario.CreateAgencyAsync(fx);
        using var receiver = await Support.Scenario.CreateAgencyAsync(fx);
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var before = await AccessLogApi.ForReferralAsync(sender.Client, id);

        await using var connection = fx.CreateConnection();
        await connection.ExecuteAsync(statement); // throws if refused

        var after = await AccessLogApi.ForReferralAsync(sender.Client, id);
        Assert.Equal(before.Select(e => e.ToJsonString()), after.Take(before.Count).Select(e => e.ToJsonString()));
    }
}

public sealed class AppendOnlyAccessLogTests_Sqlite(ApiFixture<Sqlite> fx) : AppendOnlyAccessLogTests<Sqlite>(fx);

public sealed class AppendOnlyAccessLogTests_Postgres(ApiFixture<Postgres> fx) : AppendOnlyAccessLogTests<Postgres>(fx);

public sealed class AppendOnlyAccessLogTests_SqlServer(ApiFixture<SqlServer> fx) : AppendOnlyAccessLogTests<SqlServer>(fx);

/// <summary>PostgreSQL's TRUNCATE bypasses row triggers; a statement trigger refuses it too.</summary>
public sealed class AccessLogTruncateTests_Postgres(ApiFixture<Postgres> fx) : IClassFixture<ApiFixture<Postgres>>
{
    [Fact]
    public async Task Truncate_IsRefusedByTheDatabase()
    {
        using var sender = await Support.Scenario.CreateAgencyAsync(fx);
        using var receiver = await Support.Scenario.CreateAgencyAsync(fx);
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        await using var connection = fx.CreateConnection();
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("TRUNCATE access_log"));

        Assert.Equal("create", AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(sender.Client, id))[0]);
    }
}
