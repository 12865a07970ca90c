using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>
/// Aggregate queries only: counts per agency code and per subscription, never a row of case data.
/// Each is served by an existing index (the awaiting-answer index, the pending-delivery index, the
/// events primary key).
/// </summary>
internal sealed class OperationsSnapshotStore(UnitOfWork db)
{
    public const string SelectOverdue = """
        SELECT a.code AS AgencyCode, COUNT(*) AS Count
        FROM referrals r JOIN agencies a ON a.id = r.to_agency_id
        WHERE r.status IN ('sent', 'received') AND r.respond_by < @Now
        GROUP BY a.code
        """;

    public const string SelectBacklog = """
        SELECT d.subscription_id AS SubscriptionId, a.code AS AgencyCode, COUNT(*) AS Pending, MIN(d.created_at) AS OldestCreatedAt
        FROM webhook_deliveries d JOIN agencies a ON a.id = d.agency_id
        WHERE d.status = 'pending'
        GROUP BY d.subscription_id, a.code
        """;

    // The events key only grows, one row per party of each event: its maximum counts rows written.
    public const string SelectEventRows = "SELECT MAX(seq) FROM events";

    public Task<OperationsSnapshot> ReadAsync(DateTimeOffset now, CancellationToken ct) =>
        db.ReadAsync(async token =>
        {
            var overdue = await db.QueryAsync<OverdueCount>(SelectOverdue, new { Now = now }, token);
            var backlog = await db.QueryAsync<WebhookBacklog>(SelectBacklog, null, token);
            var events = await db.ExecuteScalarAsync<long?>(SelectEventRows, null, token);
            return new OperationsSnapshot([.. overdue], [.. backlog], events ?? 0, now);
        }, ct);
}
