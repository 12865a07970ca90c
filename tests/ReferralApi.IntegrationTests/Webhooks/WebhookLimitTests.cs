using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>A host where an agency may hold two subscriptions and queue two pings a minute.</summary>
public sealed class WebhookLimitFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int Subscriptions = 2;
    public const int Pings = 2;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:MaxSubscriptionsPerAgency"] = Subscriptions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:PingsPerMinute"] = Pings.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Subscriptions per agency and pings per minute are capped, each agency on its own.</summary>
public abstract class WebhookLimitTests<TEngine>(WebhookLimitFixture<TEngine> fx) : IClassFixture<WebhookLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task SubscriptionsBeyondTheCap_Are422_ADeletionMakesRoom_OtherAgenciesAreNotAffected()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < WebhookLimitFixture<TEngine>.Subscriptions; i++)
        {
            ids.Add((await WebhookApi.SubscribeAsync(agency, $"http://127.0.0.1:9/hook/{i}")).Id);
        }

        using var refused = await agency.Client.PostJsonAsync("/v1/webhooks", Body("http://127.0.0.1:9/hook/extra"));
        var problem = await refused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "limit-reached");
        Assert.Contains("2", (string?)problem["detail"], StringComparison.Ordinal);
        await WebhookApi.SubscribeAsync(other, "http://127.0.0.1:9/hook/other");

        using var deleted = await agency.Client.DeleteAsync($"/v1/webhooks/{ids[0]}", Http.Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await WebhookApi.SubscribeAsync(agency, "http://127.0.0.1:9/hook/again");
    }

    [Fact]
    public async Task PingsBeyondTheCap_Are429WithRetryAfter_ForThatAgencyOnly()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, "http://127.0.0.1:9/ping");
        var (otherId, _) = await WebhookApi.SubscribeAsync(other, "http://127.0.0.1:9/ping-other");
        for (var i = 0; i < WebhookLimitFixture<TEngine>.Pings; i++)
        {
            using var accepted = await agency.Client.PostJsonAsync($"/v1/webhooks/{id}/ping", null);
            await accepted.ExpectAsync(HttpStatusCode.Accepted);
        }

        using var refused = await agency.Client.PostJsonAsync($"/v1/webhooks/{id}/ping", null);
        using var otherAgency = await other.Client.PostJsonAsync($"/v1/webhooks/{otherId}/ping", null);

        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        await otherAgency.ExpectAsync(HttpStatusCode.Accepted);
        var deliveries = await WebhookApi.DeliveriesAsync(agency, id);
        Assert.Equal(WebhookLimitFixture<TEngine>.Pings, deliveries.Count);
    }

    private static System.Text.Json.Nodes.JsonObject Body(string url) => new() { ["url"] = url, ["eventTypes"] = new System.Text.Json.Nodes.JsonArray() };
}

public sealed class WebhookLimitTests_Sqlite(WebhookLimitFixture<Sqlite> fx) : WebhookLimitTests<Sqlite>(fx);

public sealed class WebhookLimitTests_Postgres(WebhookLimitFixture<Postgres> fx) : WebhookLimitTests<Postgres>(fx);

public sealed class WebhookLimitTests_SqlServer(WebhookLimitFixture<SqlServer> fx) : WebhookLimitTests<SqlServer>(fx);
