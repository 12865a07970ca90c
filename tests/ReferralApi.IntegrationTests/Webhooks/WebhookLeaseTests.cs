using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>A claim is only a lease: when the worker holding it dies, another claims the delivery once the lease ends.</summary>
public abstract class WebhookLeaseTests<TEngine>(WebhookFixture<TEngine> fx) : IClassFixture<WebhookFixture<TEngine>>
    where TEngine : IEngine
{
    // A row as a worker leaves it when its process dies after claiming: leased, never recorded.
    private const string InsertLeasedPing = """
        INSERT INTO webhook_deliveries (subscription_id, agency_id, event_id, event_type, status, attempts, next_attempt_at, locked_until, lease_id, created_at, updated_at)
        VALUES (@SubscriptionId, @AgencyId, @EventId, 'webhook.ping', 'pending', 0, @Now, @LockedUntil, @LeaseId, @Now, @Now)
        """;

    [Fact]
    public async Task DeliveryClaimedByAWorkerThatDied_IsSentOnceItsLeaseRunsOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var agency = await fx.CreateAgencyAsync();
        var (id, secret) = await WebhookApi.SubscribeAsync(agency, receiver.Url);
        var eventId = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using (var connection = fx.CreateConnection())
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertLeasedPing, new
            {
                SubscriptionId = id, AgencyId = agency.Id, EventId = eventId, Now = now, LockedUntil = now.AddSeconds(1), LeaseId = Guid.NewGuid(),
            }, cancellationToken: Http.Ct));
        }

        var delivery = Assert.Single(await receiver.WaitUntilAsync(r => r.Count >= 1));
        Assert.Equal(eventId.ToString(), delivery.WebhookId);
        Assert.True(delivery.IsSignedWith(secret));
        var log = await WebhookApi.WaitForLogAsync(agency, id, l => WebhookApi.AllDelivered(l, 1));
        Assert.Equal(1, (int)log[0]["attempts"]!);
    }
}

public sealed class WebhookLeaseTests_Sqlite(WebhookFixture<Sqlite> fx) : WebhookLeaseTests<Sqlite>(fx);

public sealed class WebhookLeaseTests_Postgres(WebhookFixture<Postgres> fx) : WebhookLeaseTests<Postgres>(fx);

public sealed class WebhookLeaseTests_SqlServer(WebhookFixture<SqlServer> fx) : WebhookLeaseTests<SqlServer>(fx);
