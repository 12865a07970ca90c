using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>Managing subscriptions: the caller's own only, strict input, secrets shown once and stored encrypted.</summary>
public abstract class WebhookSubscriptionTests<TEngine>(WebhookFixture<TEngine> fx) : IClassFixture<WebhookFixture<TEngine>>
    where TEngine : IEngine
{
    // Nothing listens here and no event is ever queued for these subscriptions.
    private const string Url = "http://127.0.0.1:9/hooks";

    [Fact]
    public async Task Create_Returns201_WithTheSecretOnce_StoredOnlyEncrypted()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.PostJsonAsync("/v1/webhooks", new JsonObject
        {
            ["url"] = Url, ["eventTypes"] = new JsonArray("referral.created", "referral.accepted"), ["description"] = "case system",
        });

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var id = Scenario.IdOf(created);
        var secret = (string)created["secret"]!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        Assert.Equal($"/v1/webhooks/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("active", (string)created["status"]!);
        Assert.Equal(["referral.accepted", "referral.created"], created["eventTypes"]!.AsArray().Select(t => (string)t!));
        var read = await WebhookApi.GetAsync(agency, id);
        Assert.Null(read["secret"]);
        Assert.Equal(Url, (string)read["url"]!);

        await using var connection = fx.CreateConnection();
        var stored = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT secret FROM webhook_subscriptions WHERE url = @Url AND description = 'case system' AND event_types LIKE '%referral.accepted%' ORDER BY created_at DESC", new { Url }, cancellationToken: Http.Ct));
        Assert.DoesNotContain(secret[6..], stored, StringComparison.Ordinal);
        Assert.StartsWith("v1.test-2026.", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ReplayedWithTheSameIdempotencyKey_ReturnsTheSameWebhookWithoutTheSecret()
    {
        using var agency = await fx.CreateAgencyAsync();
        var body = new JsonObject { ["url"] = Url };

        using var first = await agency.Client.PostJsonAsync("/v1/webhooks", body, ("Idempotency-Key", "hook-1"));
        using var again = await agency.Client.PostJsonAsync("/v1/webhooks", body, ("Idempotency-Key", "hook-1"));

        var original = await first.ExpectAsync(HttpStatusCode.Created);
        var replay = await again.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal((string)original["id"]!, (string)replay["id"]!);
        Assert.NotNull(original["secret"]);
        Assert.Null(replay["secret"]);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
    }

    [Fact]
    public async Task List_ShowsOnlyTheCallersWebhooks()
    {
        using var mine = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var (a, _) = await WebhookApi.SubscribeAsync(mine, Url);
        var (b, _) = await WebhookApi.SubscribeAsync(mine, Url + "/second");
        await WebhookApi.SubscribeAsync(other, Url);

        using var response = await mine.Client.GetAsync("/v1/webhooks?limit=1", Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        using var next = await mine.Client.GetAsync("/v1/webhooks?limit=1&cursor=" + Uri.EscapeDataString((string)page["nextCursor"]!), Http.Ct);
        var second = await next.ExpectAsync(HttpStatusCode.OK);

        var ids = page["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(i => Scenario.IdOf(i!)).ToList();
        Assert.Equal([a, b], ids);
        Assert.Null(second["nextCursor"]);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("PATCH", "")]
    [InlineData("DELETE", "")]
    [InlineData("POST", "/rotate-secret")]
    [InlineData("POST", "/ping")]
    [InlineData("GET", "/deliveries")]
    public async Task AnotherAgencysWebhook_IsNotFound(string method, string suffix)
    {
        using var owner = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(owner, Url);

        using var response = await other.Client.SendJsonAsync(new HttpMethod(method), $"/v1/webhooks/{id}{suffix}", method == "PATCH" ? new JsonObject { ["description"] = "x" } : null);

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(Url, (string)(await WebhookApi.GetAsync(owner, id))["url"]!);
    }

    [Fact]
    public async Task RedeliverOfAnotherAgencysDelivery_IsNotFound()
    {
        using var owner = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(owner, Url);

        using var response = await other.Client.PostJsonAsync($"/v1/webhooks/{id}/deliveries/{Guid.CreateVersion7()}/redeliver", null);

        await response.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Patch_ChangesOnlyTheGivenFields_AndPausesAndResumes()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, Url, "referral.created");

        using var paused = await agency.Client.PatchJsonAsync($"/v1/webhooks/{id}", new JsonObject { ["active"] = false, ["eventTypes"] = new JsonArray() });
        var body = await paused.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("disabled", (string)body["status"]!);
        Assert.Equal("disabled_by_agency", (string)body["statusReason"]!);
        Assert.Empty(body["eventTypes"]!.AsArray());
        Assert.Equal("case system", (string)body["description"]!);

        using var resumed = await agency.Client.PatchJsonAsync($"/v1/webhooks/{id}", new JsonObject { ["active"] = true, ["url"] = Url + "/v2" });
        var after = await resumed.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("active", (string)after["status"]!);
        Assert.Null(after["statusReason"]);
        Assert.Equal(Url + "/v2", (string)after["url"]!);
    }

    [Fact]
    public async Task Delete_Returns204_AndTheWebhookIsGone()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, Url);

        using var deleted = await agency.Client.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{id}", null);
        using var read = await agency.Client.GetAsync($"/v1/webhooks/{id}", Http.Ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await read.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task RotateSecret_ReturnsANewSecret_AndTheOverlapEnd()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (id, secret) = await WebhookApi.SubscribeAsync(agency, Url);

        using var response = await agency.Client.PostJsonAsync($"/v1/webhooks/{id}/rotate-secret", null);

        var rotated = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("whsec_", (string)rotated["secret"]!, StringComparison.Ordinal);
        Assert.NotEqual(secret, (string)rotated["secret"]!);
        Assert.Equal((string)rotated["previousSecretExpiresAt"]!, (string)(await WebhookApi.GetAsync(agency, id))["previousSecretExpiresAt"]!);
    }

    [Theory]
    [InlineData("""{"eventTypes": []}""", "$.url")]
    [InlineData("""{"url": "not a url"}""", "$.url")]
    [InlineData("""{"url": "http://127.0.0.1:9/", "eventTypes": ["referral.exploded"]}""", "$.eventTypes[0]")]
    [InlineData("""{"url": "http://127.0.0.1:9/", "eventTypes": ["referral.created", "referral.created"]}""", "$.eventTypes")]
    [InlineData("""{"url": "http://127.0.0.1:9/", "secret": "whsec_mine"}""", "$.secret")]
    [InlineData("""{"url": "http://127.0.0.1:9/", "eventTypes": "referral.created"}""", "$.eventTypes")]
    public async Task Create_Returns400_NamingTheField(string body, string field)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.PostRawAsync("/v1/webhooks", body);

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Create_Returns400_ForATooLongDescription()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.PostJsonAsync("/v1/webhooks", new JsonObject { ["url"] = Url, ["description"] = new string('d', 501) });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]!["$.description"]);
    }

    [Fact]
    public async Task OversightOnlyKey_Gets403()
    {
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"], acceptsReferrals: false);

        using var response = await oversight.Client.GetAsync("/v1/webhooks", Http.Ct);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}

public sealed class WebhookSubscriptionTests_Sqlite(WebhookFixture<Sqlite> fx) : WebhookSubscriptionTests<Sqlite>(fx);

public sealed class WebhookSubscriptionTests_Postgres(WebhookFixture<Postgres> fx) : WebhookSubscriptionTests<Postgres>(fx);

public sealed class WebhookSubscriptionTests_SqlServer(WebhookFixture<SqlServer> fx) : WebhookSubscriptionTests<SqlServer>(fx);
