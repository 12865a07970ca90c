using System.Data.Common;
using Dapper;
using ReferralApi.Features.Events;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The transactional outbox: inside the transaction that appends an event, one delivery row per
/// matching subscription of either party, so an event is never lost between commit and send and
/// never sent for a change that rolled back.
/// </summary>
internal static class WebhookOutbox
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

    public static Task EnqueueAsync(DbConnection connection, DbTransaction transaction, NewEvent change, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(EnqueueForParties, new
        {
            change.EventId,
            change.Type,
            change.OccurredAt,
            change.FromAgencyId,
            change.ToAgencyId,
            TypePattern = EventTypeFilter.PatternFor(change.Type),
        }, transaction, cancellationToken: ct));

    /// <summary>A delivery of its own for one subscription, such as a ping.</summary>
    public static Task EnqueueOneAsync(DbConnection connection, DbTransaction transaction, WebhookSubscriptionRow subscription, Guid eventId, string type, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(EnqueueOne, new
        {
            SubscriptionId = subscription.Id,
            subscription.AgencyId,
            EventId = eventId,
            Type = type,
            Now = now,
        }, transaction, cancellationToken: ct));
}
