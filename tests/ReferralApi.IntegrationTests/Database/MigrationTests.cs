using System.Net;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Database;

/// <summary>Migrations run at start-up, once, even when several instances start against one empty database.</summary>
public abstract class MigrationTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task TwoInstancesStartingAtOnce_ApplyEachScriptOnce_AndBothServe()
    {
        _ = fx.Database; // skips (or fails, when required) if the engine cannot run here
        await using var database = await TEngine.Engine.CreateDatabaseAsync(Http.Ct);
        await using var first = new ApiFactory(database.Provider, database.ConnectionString);
        await using var second = new ApiFactory(database.Provider, database.ConnectionString);

        await Task.WhenAll(Task.Run(() => first.Services, Http.Ct), Task.Run(() => second.Services, Http.Ct));

        foreach (var host in new[] { first, second })
        {
            using var client = host.CreateClient();
            using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), Http.Ct);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await using var connection = database.CreateConnection();
        var scripts = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
        Assert.NotEmpty(scripts);
        Assert.Equal(scripts.Count, scripts.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(scripts, s => s.EndsWith("0001_initial.sql", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_OnMigratedDatabase_AppliesNothingAgain()
    {
        await using var connection = fx.CreateConnection();
        var before = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schemaversions");

        await using (var restarted = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString))
        {
            _ = restarted.Services;
        }

        var after = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schemaversions");
        Assert.Equal(before, after);
    }
}

public sealed class MigrationTests_Sqlite(ApiFixture<Sqlite> fx) : MigrationTests<Sqlite>(fx);

public sealed class MigrationTests_Postgres(ApiFixture<Postgres> fx) : MigrationTests<Postgres>(fx);

public sealed class MigrationTests_SqlServer(ApiFixture<SqlServer> fx) : MigrationTests<SqlServer>(fx);
