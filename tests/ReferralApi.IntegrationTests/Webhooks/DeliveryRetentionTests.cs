using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// Delivered and failed deliveries are deleted once the retention (30 days by default) has passed
/// since they finished; pending ones never are, and several instances purging together delete
/// exactly the rows past retention.
/// </summary>
public abstract class DeliveryRetentionTests<TEngine>(ClockedWebhookFixture<TEngine> fx) : IClassFixture<ClockedWebhookFixture<TEngine>>
    where TEngine : IEngine
{
    private const string InsertDelivery = """
        INSERT INTO webhook_deliveries (subscription_id, agency_id, event_id, event_type, status, attempts, next_attempt_at, created_at, updated_at)
        VALUES (@SubscriptionId, @AgencyId, @EventId, 'webhook.ping', @Status, 1, @NextAttemptAt, @At, @At)
        """;

    [Fact]
    public async Task FinishedDeliveries_AreDeletedAfter30Days_RecentAndPendingOnesStay()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var gone = await WebhookReceiver.StartAsync();
        gone.AlwaysAnswer(410);
        using var agency = await fx.CreateAgencyAsync();
        var (healthy, _) = await WebhookApi.SubscribeAsync(agency, receiver.Url);
        var (refusing, _) = await WebhookApi.SubscribeAsync(agency, gone.Url);
        var (paused, _) = await WebhookApi.SubscribeAsync(agency, receiver.Url);
        using (var pause = await agency.Client.PatchJsonAsync($"/v1/webhooks/{paused}", new JsonObject { ["active"] = false }))
        {
            await pause.ExpectAsync(HttpStatusCode.OK);
        }

        var old = IdOf(await WebhookApi.PingAsync(agency, healthy));
        await WebhookApi.PingAsync(agency, refusing);
        var waiting = IdOf(await WebhookApi.PingAsync(agency, paused));
        await WebhookApi.WaitForLogAsync(agency, healthy, l => WebhookApi.AllDelivered(l, 1));
        await WebhookApi.WaitForLogAsync(agency, refusing, l => l.Count == 1 && (string?)l[0]["status"] == "failed");

        fx.Clock.Advance(TimeSpan.FromDays(29));
        var recent = IdOf(await WebhookApi.PingAsync(agency, healthy));
        await WebhookApi.WaitForLogAsync(agency, healthy, l => WebhookApi.AllDelivered(l, 2));
        fx.Clock.Advance(TimeSpan.FromDays(2));

        var healthyLog = await WebhookApi.WaitForLogAsync(agency, healthy, l => l.All(d => IdOf(d) != old));
        await WebhookApi.WaitForLogAsync(agency, refusing, l => l.Count == 0);
        Assert.Equal([recent], healthyLog.Select(IdOf));
        var pausedLog = await WebhookApi.DeliveriesAsync(agency, paused);
        Assert.Equal([waiting], pausedLog.Select(IdOf));
        Assert.Equal("pending", (string?)pausedLog[0]["status"]);
    }

    [Fact]
    public async Task TwoInstancesPurging_DeleteEveryRowPastRetention_InBatches_AndNothingElse()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, "http://127.0.0.1:9/unused");
        using (var pause = await agency.Client.PatchJsonAsync($"/v1/webhooks/{id}", new JsonObject { ["active"] = false }))
        {
            await pause.ExpectAsync(HttpStatusCode.OK);
        }

        var now = fx.Clock.GetUtcNow();
        var expired = Enumerable.Range(0, 2100).Select(i => Row(id, agency.Id, i % 2 == 0 ? "delivered" : "failed", now.AddDays(-31))).ToList();
        var kept = new[] { Row(id, agency.Id, "delivered", now.AddDays(-29)), Row(id, agency.Id, "pending", now.AddDays(-60)) };
        await using (var connection = fx.CreateConnection())
        {
            await connection.OpenAsync(Http.Ct);
            await using var transaction = await connection.BeginTransactionAsync(Http.Ct);
            await connection.ExecuteAsync(new CommandDefinition(InsertDelivery, expired.Concat(kept), transaction, cancellationToken: Http.Ct));
            await transaction.CommitAsync(Http.Ct);
        }

        await using var second = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString, ClockedWebhookFixture<TEngine>.FrequentPurge,
            services => services.AddSingleton<TimeProvider>(fx.Clock));
        _ = second.Services;

        var log = await WebhookApi.WaitForLogAsync(agency, id, l => l.Count <= kept.Length, seconds: 60);
        Assert.Equal(kept.Select(k => k.EventId).Order(), log.Select(IdOf).Order());
    }

    private static Guid IdOf(JsonNode node) => Guid.Parse((string)node["id"]!);

    private static SeededDelivery Row(Guid subscription, Guid agency, string status, DateTimeOffset at) =>
        new(subscription, agency, Guid.CreateVersion7(), status, status == "pending" ? at : null, at);

    private sealed record SeededDelivery(Guid SubscriptionId, Guid AgencyId, Guid EventId, string Status, DateTimeOffset? NextAttemptAt, DateTimeOffset At);
}

public sealed class DeliveryRetentionTests_Sqlite(ClockedWebhookFixture<Sqlite> fx) : DeliveryRetentionTests<Sqlite>(fx);

public sealed class DeliveryRetentionTests_Postgres(ClockedWebhookFixture<Postgres> fx) : DeliveryRetentionTests<Postgres>(fx);

public sealed class DeliveryRetentionTests_SqlServer(ClockedWebhookFixture<SqlServer> fx) : DeliveryRetentionTests<SqlServer>(fx);
