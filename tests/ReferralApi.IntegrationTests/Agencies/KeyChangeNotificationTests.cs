using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// On PostgreSQL an instance keeps the key rows it authenticated with, here for a minute; a change
/// made anywhere else (another instance, an operator's SQL) still stops a key at once, because the
/// database notifies every instance when it commits. When the notifications cannot be trusted the
/// cache goes dark and every key is looked up. The engines without notifications look every key up
/// on every request, which the shared key tests cover.
/// </summary>
public sealed class KeyChangeNotificationTests(KeyChangeNotificationFixture fx) : IClassFixture<KeyChangeNotificationFixture>
{
    /// <summary>Far longer than a notification or a reconnection takes, far shorter than the cache lifetime.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private ApiKeyCache Cache => fx.Factory.Services.GetRequiredService<ApiKeyCache>();

    [Fact]
    public async Task AKeyRevokedThroughAnotherInstance_IsRefusedHere_LongBeforeItsCachedRowWouldExpire()
    {
        var agency = await CachedAgencyAsync();
        await using var other = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString);
        using var otherClient = other.CreateClient();
        otherClient.DefaultRequestHeaders.Authorization = new("Bearer", agency.Key);

        using var revoked = await otherClient.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{await KeyIdAsync(agency.Id)}", Http.Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await ExpectRefusedAsync(agency);
    }

    [Fact]
    public async Task WhileTheListenerIsConnected_TheCacheStaysLive_LeaseAfterLease()
    {
        var agency = await CachedAgencyAsync();
        await ExecuteAsync("UPDATE agencies SET active = active WHERE id = @Id", new { agency.Id });

        var until = DateTime.UtcNow + (3 * PostgresKeyChangeListener.Lease);
        while (DateTime.UtcNow < until)
        {
            Assert.True(Cache.IsLive, "The cache went dark with the listener connected.");
            await Task.Delay(100, Http.Ct);
        }
    }

    [Fact]
    public async Task AnAgencyDeactivatedBySqlBehindTheApisBack_HasItsKeysRefused()
    {
        var agency = await CachedAgencyAsync();

        await ExecuteAsync("UPDATE agencies SET active = false WHERE id = @Id", new { agency.Id });

        await ExpectRefusedAsync(agency);
    }

    [Fact]
    public async Task AChangeThatBypassesTheTriggers_IsNotSeenUntilTheNextNotification()
    {
        var agency = await CachedAgencyAsync();

        // A replica-mode session (logical replication, pg_restore --disable-triggers) fires no trigger:
        // the cached row stays, bounded only by ApiKeys:CacheLifetime.
        await ExecuteAsync("SET session_replication_role = replica; UPDATE api_keys SET revoked_at = now() WHERE agency_id = @Id", new { agency.Id });
        using (var stale = await agency.Client.GetAsync("/v1/me", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        }

        // Any later change to keys notifies, and the stale row goes with the rest.
        await ExecuteAsync("UPDATE api_keys SET revoked_at = revoked_at WHERE agency_id = @Id", new { agency.Id });
        await ExpectRefusedAsync(agency);
    }

    [Fact]
    public async Task WhenATriggerIsDisabled_TheCacheGoesDark_AndEveryKeyIsLookedUp()
    {
        var agency = await CachedAgencyAsync();

        await ExecuteAsync("ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed");
        try
        {
            await WaitUntilAsync(() => !Cache.IsLive, "The cache stayed live with a trigger disabled.");
            await ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE agency_id = @Id", new { agency.Id });
            using var refused = await agency.Client.GetAsync("/v1/me", Http.Ct);

            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE api_keys ENABLE TRIGGER api_keys_changed");
        }

        await WaitUntilAsync(() => Cache.IsLive, "The cache did not come back once the trigger was enabled again.");
    }

    [Fact]
    public async Task AfterTheListenerLosesItsConnection_ItListensAgain_AndRevocationsReachItOnceMore()
    {
        var before = 0;
        await WaitUntilAsync(async () => Cache.IsLive && (await ListenerPidsAsync()) is [var pid] && (before = pid) > 0, "The key change listener did not connect.");
        await ExecuteAsync("SELECT pg_terminate_backend(@Pid)", new { Pid = before });
        await WaitUntilAsync(async () => (await ListenerPidsAsync()) is [var pid] && pid != before && Cache.IsLive, "The listener did not listen again.");

        var agency = await CachedAgencyAsync();
        await ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE agency_id = @Id", new { agency.Id });

        await ExpectRefusedAsync(agency);
    }

    /// <summary>An agency whose key this instance has looked up while the cache is live, so its row is cached.</summary>
    private async Task<TestAgency> CachedAgencyAsync()
    {
        await WaitUntilAsync(() => Cache.IsLive, "The key change listener did not connect.");
        var agency = await fx.CreateAgencyAsync();
        using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.True(Cache.IsLive, "The cache went dark while the key was looked up.");
        return agency;
    }

    private static async Task ExpectRefusedAsync(TestAgency agency)
    {
        var status = HttpStatusCode.OK;
        await WaitUntilAsync(
            async () =>
            {
                using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
                status = me.StatusCode;
                return status != HttpStatusCode.OK;
            },
            "The key was still accepted.");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private async Task<int[]> ListenerPidsAsync()
    {
        await using var connection = fx.CreateConnection();
        var pids = await connection.QueryAsync<int>(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @Name",
            new { Name = PostgresKeyChangeListener.ApplicationName });
        return [.. pids];
    }

    private static Task WaitUntilAsync(Func<bool> condition, string failure) => WaitUntilAsync(() => Task.FromResult(condition()), failure);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, failure);
            await Task.Delay(50, Http.Ct);
        }
    }

    private async Task<Guid> KeyIdAsync(Guid agencyId)
    {
        await using var connection = fx.CreateConnection();
        return await connection.QuerySingleAsync<Guid>("SELECT id FROM api_keys WHERE agency_id = @AgencyId", new { AgencyId = agencyId });
    }

    private async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var connection = fx.CreateConnection();
        await connection.ExecuteAsync(sql, args);
    }
}

/// <summary>Key rows cached for a minute, so only a notification can explain a refusal within seconds.</summary>
public sealed class KeyChangeNotificationFixture : ApiFixture<Postgres>
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["ApiKeys:CacheLifetime"] = "00:01:00",
    };
}
