using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The transactional outbox: inside the transaction that appends an event, one delivery row per
/// matching subscription of either party, so an event is never lost between commit and send and
/// never sent for a change that rolled back. <see cref="Events.EventLog"/> runs
/// <see cref="EnqueueForParties"/> in the same command as the event (or the same batch).
/// </summary>
internal sealed class WebhookOutbox(UnitOfWork db)
{
    public const string EnqueueForParties = """
        INSERT INTO webhook_deliveries (subscription_id, agency_id, event_id, event_type, status, attempts, next_attempt_at, created_at, updated_at)
        SELECT s.id, s.agency_id, @EventId, @Type, 'pending', 0, @OccurredAt, @OccurredAt, @OccurredAt
        FROM webhook_subscriptions s
        WHERE s.agency_id IN (@FromAgencyId, @ToAgencyId)
          AND s.status <> 'disabled'
          AND (s.event_types = '' OR s.event_types LIKE @TypePattern ESCAPE '\')
        """;

    public const string EnqueueOne = """
        INSERT INTO webhook_deliveries (subscription_id, agency_id, event_id, event_type, status, attempts, next_attempt_at, created_at, updated_at)
        VALUES (@SubscriptionId, @AgencyId, @EventId, @Type, 'pending', 0, @Now, @Now, @Now)
        """;

    /// <summary>A delivery of its own for one subscription, such as a ping.</summary>
    public Task EnqueueOneAsync(WebhookSubscriptionRow subscription, Guid eventId, string type, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(EnqueueOne, new
        {
            SubscriptionId = subscription.Id,
            subscription.AgencyId,
            EventId = eventId,
            Type = type,
            Now = now,
        }, ct);
}
