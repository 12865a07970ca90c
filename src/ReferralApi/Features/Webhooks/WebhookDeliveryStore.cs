using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>The delivery log of one subscription and its manual redelivery; callers check ownership of the subscription first.</summary>
internal sealed class WebhookDeliveryStore(UnitOfWork db)
{
    private const string Columns = """
        SELECT seq AS Seq, event_id AS EventId, event_type AS EventType, status AS Status, attempts AS Attempts,
               last_status_code AS LastStatusCode, last_error AS LastError, next_attempt_at AS NextAttemptAt,
               delivered_at AS DeliveredAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM webhook_deliveries
        """;

    public static readonly string SelectOne = $"""
        {Columns}
        WHERE subscription_id = @SubscriptionId AND event_id = @EventId
        """;

    // Newest first, keyset on seq; the first page starts below long.MaxValue so one statement serves every page.
    internal static string ListLog(SqlDialect dialect) => $"""
        {Columns}
        WHERE subscription_id = @SubscriptionId AND seq < @BeforeSeq
        ORDER BY seq DESC
        {dialect.Limit("@Limit")}
        """;

    /// <summary>
    /// Starts the delivery's schedule again. The lease is dropped too: a worker still sending the
    /// old attempt can then no longer record its outcome over this one.
    /// </summary>
    public const string Redeliver = """
        UPDATE webhook_deliveries
        SET status = 'pending', attempts = 0, next_attempt_at = @Now, locked_until = NULL, lease_id = NULL, updated_at = @Now
        WHERE subscription_id = @SubscriptionId AND event_id = @EventId
        """;

    /// <summary>
    /// One batch of finished deliveries past their retention. Pending rows are never touched, and a
    /// row redelivered meanwhile is pending again. Small batches keep each transaction short (on
    /// SQLite the worker waits for it); instances purging at once only delete nothing twice.
    /// </summary>
    internal static string PurgeFinished(SqlDialect dialect) =>
        dialect.DeleteBatch("webhook_deliveries", $"status <> {dialect.Text("pending")} AND updated_at < @Cutoff", "seq");

    private const int PurgeBatch = 1000;


    public Task<WebhookDeliveryRow?> FindAsync(Guid subscriptionId, Guid eventId, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<WebhookDeliveryRow>(SelectOne, new { SubscriptionId = subscriptionId, EventId = eventId }, ct);

    public Task<IReadOnlyList<WebhookDeliveryRow>> ListAsync(Guid subscriptionId, int limit, long? beforeSeq, CancellationToken ct) =>
        db.QueryAsync<WebhookDeliveryRow>(db.Dialect.Built(ListLog), new { SubscriptionId = subscriptionId, BeforeSeq = beforeSeq ?? long.MaxValue, Limit = limit + 1 }, ct);

    /// <summary>
    /// Deletes every finished delivery that finished before <paramref name="cutoff"/>, batch by
    /// batch, each batch committed on its own; returns how many.
    /// </summary>
    public async Task<int> PurgeFinishedAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var sql = db.Dialect.Built(PurgeFinished);
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.ExecuteAsync(sql, new { Cutoff = cutoff, Batch = PurgeBatch }, ct);
            total += deleted;
        }
        while (deleted == PurgeBatch);
        return total;
    }

    /// <summary>Starts the delivery over (<see cref="Redeliver"/>); false when the subscription has no such delivery.</summary>
    public async Task<bool> RedeliverAsync(Guid subscriptionId, Guid eventId, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(Redeliver, new { SubscriptionId = subscriptionId, EventId = eventId, Now = now }, ct) > 0;
}
