using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// A change made through an instance clears that instance's cached key rows when it commits, so its
/// very next request sees it, without waiting for the database's notification. Proven on a host
/// whose cache is kept live with no listener at all, where no notification can arrive.
/// </summary>
public sealed class KeyCacheLocalInvalidationTests(DeafKeyCacheFixture fx) : IClassFixture<DeafKeyCacheFixture>
{
    [Fact]
    public async Task WithoutNotifications_ARevocationBehindTheApisBack_IsNotSeen_SoTheCacheIsInUse()
    {
        var agency = await CachedAgencyAsync();

        await using var connection = fx.CreateConnection();
        await connection.ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE agency_id = @Id", new { agency.Id });
        using var stale = await agency.Client.GetAsync("/v1/me", Http.Ct);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Fact]
    public async Task AKeyRevokedThroughThisInstance_IsRefusedByItsVeryNextRequest()
    {
        var agency = await CachedAgencyAsync();
        await using var connection = fx.CreateConnection();
        var keyId = await connection.QuerySingleAsync<Guid>("SELECT id FROM api_keys WHERE agency_id = @Id", new { agency.Id });

        using var revoked = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{keyId}", Http.Ct);
        using var after = await agency.Client.GetAsync("/v1/me", Http.Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task AnAgencyDeactivatedThroughThisInstance_HasItsKeysRefusedByTheVeryNextRequest()
    {
        var agency = await CachedAgencyAsync();
        using var admin = fx.CreateAdminClient();

        using var deactivated = await admin.PatchJsonAsync($"/v1/agencies/{agency.Id}", new JsonObject { ["active"] = false });
        using var after = await agency.Client.GetAsync("/v1/me", Http.Ct);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private async Task<TestAgency> CachedAgencyAsync()
    {
        Assert.True(fx.Factory.Services.GetRequiredService<ApiKeyCache>().IsLive);
        var agency = await fx.CreateAgencyAsync();
        using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return agency;
    }
}

/// <summary>PostgreSQL with the listener replaced by a loop that keeps the cache live while hearing nothing.</summary>
public sealed class DeafKeyCacheFixture : ApiFixture<Postgres>
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ApiKeys:CacheLifetime"] = "00:01:00",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        var listener = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(PostgresKeyChangeListener));
        services.Remove(listener);
        services.AddHostedService<AlwaysLive>();
    }

    private sealed class AlwaysLive(ApiKeyCache cache) : BackgroundService
    {
        // Live before the host finishes starting: ExecuteAsync runs on the thread pool, so a test
        // could otherwise reach the cache before its first lease.
        public override Task StartAsync(CancellationToken cancellationToken)
        {
            cache.GoLive(TimeSpan.FromMinutes(1));
            return base.StartAsync(cancellationToken);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var renewal = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await renewal.WaitForNextTickAsync(stoppingToken))
            {
                cache.Renew(TimeSpan.FromMinutes(1));
            }
        }
    }
}
