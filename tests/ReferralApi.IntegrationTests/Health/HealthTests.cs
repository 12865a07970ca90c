using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Health;

/// <summary>The probes answer anonymously, and readiness proves the database answers.</summary>
public abstract class HealthTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Live_Returns200_WithoutCredentials()
    {
        using var client = fx.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_Returns200_WhenDatabaseAnswers()
    {
        using var client = fx.CreateClient();

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

// The suite's bindings to each engine live beside it, so adding an engine is one line per suite.
public sealed class HealthTests_Sqlite(ApiFixture<Sqlite> fx) : HealthTests<Sqlite>(fx);

public sealed class HealthTests_Postgres(ApiFixture<Postgres> fx) : HealthTests<Postgres>(fx);

public sealed class HealthTests_SqlServer(ApiFixture<SqlServer> fx) : HealthTests<SqlServer>(fx);
