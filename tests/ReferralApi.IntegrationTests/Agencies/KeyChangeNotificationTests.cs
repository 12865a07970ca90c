using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// On PostgreSQL an instance keeps the key rows it authenticated with, here for a minute; a change
/// made anywhere else (another instance, an operator's SQL) still stops a key at once, because the
/// database notifies every instance when it commits. The engines without notifications look every
/// key up on every request, which the shared key tests cover.
/// </summary>
public sealed class KeyChangeNotificationTests(KeyChangeNotificationFixture fx) : IClassFixture<KeyChangeNotificationFixture>
{
    private const string ListenerName = "referralapi-key-changes";

    /// <summary>Far longer than a notification takes, far shorter than the cache lifetime.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

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
    public async Task AnAgencyDeactivatedBySqlBehindTheApisBack_HasItsKeysRefused()
    {
        var agency = await CachedAgencyAsync();

        await ExecuteAsync("UPDATE agencies SET active = false WHERE id = @Id", new { agency.Id });

        await ExpectRefusedAsync(agency);
    }

    [Fact]
    public async Task WithoutTheNotification_ACachedRowOutlivesTheRevocation_WhichIsWhatTheTriggerPrevents()
    {
        var agency = await CachedAgencyAsync();

        await ExecuteAsync("ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed");
        try
        {
            await ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE agency_id = @Id", new { agency.Id });
            using var stale = await agency.Client.GetAsync("/v1/me", Http.Ct);
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE api_keys ENABLE TRIGGER api_keys_changed");
        }

        // Any later change to the table's keys notifies, and the stale row goes with the rest.
        await ExecuteAsync("UPDATE api_keys SET revoked_at = revoked_at WHERE agency_id = @Id", new { agency.Id });
        await ExpectRefusedAsync(agency);
    }

    [Fact]
    public async Task AKeyRevokedThroughThisInstance_IsRefusedByItsVeryNextRequest_WithoutWaitingForTheNotification()
    {
        var agency = await CachedAgencyAsync();
        var deactivated = await fx.CreateAgencyAsync();
        using (var cached = await deactivated.Client.GetAsync("/v1/me", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        using var admin = fx.CreateAdminClient();
        await ExecuteAsync("ALTER TABLE api_keys DISABLE TRIGGER api_keys_changed; ALTER TABLE agencies DISABLE TRIGGER agencies_changed");
        try
        {
            using var revoked = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{await KeyIdAsync(agency.Id)}", Http.Ct);
            using var afterRevocation = await agency.Client.GetAsync("/v1/me", Http.Ct);
            using var deactivation = await admin.PatchJsonAsync($"/v1/agencies/{deactivated.Id}", new JsonObject { ["active"] = false });
            using var afterDeactivation = await deactivated.Client.GetAsync("/v1/me", Http.Ct);

            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, afterRevocation.StatusCode);
            Assert.Equal(HttpStatusCode.OK, deactivation.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, afterDeactivation.StatusCode);
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE api_keys ENABLE TRIGGER api_keys_changed; ALTER TABLE agencies ENABLE TRIGGER agencies_changed");
        }
    }

    [Fact]
    public async Task AfterTheListenerLosesItsConnection_ItListensAgain_AndRevocationsReachItOnceMore()
    {
        var before = await ListenerPidAsync();
        await ExecuteAsync("SELECT pg_terminate_backend(@Pid)", new { Pid = before });
        var after = await ListenerPidAsync(except: before);
        Assert.NotEqual(before, after);

        var agency = await CachedAgencyAsync();
        await ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE agency_id = @Id", new { agency.Id });

        await ExpectRefusedAsync(agency);
    }

    /// <summary>An agency whose key this instance has looked up once the listener is live, so its row is cached.</summary>
    private async Task<TestAgency> CachedAgencyAsync()
    {
        await ListenerPidAsync();
        var agency = await fx.CreateAgencyAsync();
        for (var i = 0; i < 2; i++)
        {
            using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        return agency;
    }

    private static async Task ExpectRefusedAsync(TestAgency agency)
    {
        var until = DateTime.UtcNow + Patience;
        HttpStatusCode status;
        do
        {
            using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
            status = me.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < until && await Pause());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    /// <summary>The listener's session once it has listened (idle since, or pinging); waits for a new one when told which to ignore.</summary>
    private async Task<int> ListenerPidAsync(int? except = null)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var connection = fx.CreateConnection();
            var pid = await connection.QueryFirstOrDefaultAsync<int?>(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = @Name AND state = 'idle' AND (query LIKE 'LISTEN%' OR query = 'SELECT 1') AND pid <> @Except",
                new { Name = ListenerName, Except = except ?? 0 });
            if (pid is { } found)
            {
                // Idle in the server a moment before the listener has marked its cache live.
                await Task.Delay(200, Http.Ct);
                return found;
            }

            Assert.True(DateTime.UtcNow < until, "The key change listener did not connect.");
            await Pause();
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

    private static async Task<bool> Pause()
    {
        await Task.Delay(50, Http.Ct);
        return true;
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
