using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Health;

/// <summary>The probes answer anonymously; readiness reports each dependency, in detail to the admin only.</summary>
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

    [Fact]
    public async Task Ready_ShowsTheAdminEachDependency()
    {
        using var admin = fx.CreateAdminClient();

        using var response = await admin.GetAsync("/health/ready", Http.Ct);
        var report = await response.ExpectAsync(HttpStatusCode.OK);

        var entries = report["entries"]!.AsObject();
        Assert.Equal(["database", "encryption", "migrations", "workers"], entries.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Healthy", (string?)entries["database"]!["status"]);
        Assert.Equal("Healthy", (string?)entries["migrations"]!["status"]);
        Assert.Equal("Healthy", (string?)entries["workers"]!["status"]);
        Assert.All(["delivery", "overdue", "retention"], worker => Assert.True(DateTimeOffset.TryParse((string?)entries["workers"]!["data"]![worker], System.Globalization.CultureInfo.InvariantCulture, out _), worker));

        Assert.Equal("Healthy", (string?)entries["encryption"]!["status"]);
        Assert.Equal("test", (string?)entries["encryption"]!["data"]!["activeKeyId"]);
        Assert.Equal("Healthy", (string?)report["status"]);
        Assert.NotNull((string?)report["totalDuration"]);
    }

    [Fact]
    public async Task Ready_ShowsOnlyTheStatus_ToAnyoneButTheAdmin()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var anonymous = fx.CreateClient();

        foreach (var client in new[] { anonymous, agency.Client })
        {
            using var response = await client.GetAsync("/health/ready", Http.Ct);
            var report = (await response.ExpectAsync(HttpStatusCode.OK)).AsObject();

            Assert.Equal("Healthy", (string?)report["status"]);
            Assert.Null(report["entries"]);
            Assert.Null(report["totalDuration"]);
        }
    }
}

// The suite's bindings to each engine live beside it, so adding an engine is one line per suite.
public sealed class HealthTests_Sqlite(ApiFixture<Sqlite> fx) : HealthTests<Sqlite>(fx);

public sealed class HealthTests_Postgres(ApiFixture<Postgres> fx) : HealthTests<Postgres>(fx);

public sealed class HealthTests_SqlServer(ApiFixture<SqlServer> fx) : HealthTests<SqlServer>(fx);
