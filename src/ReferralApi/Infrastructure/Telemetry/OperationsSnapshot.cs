namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>The figures read from the database in one pass, for the gauges to report until the next pass.</summary>
internal sealed record OperationsSnapshot(
    IReadOnlyList<OverdueCount> Overdue,
    IReadOnlyList<WebhookBacklog> Backlog,
    long EventRowsWritten,
    DateTimeOffset ReadAt)
{
    public static readonly OperationsSnapshot Empty = new([], [], 0, DateTimeOffset.MinValue);
}

/// <summary>Open referrals past <c>respondBy</c> at one receiving agency.</summary>
internal sealed record OverdueCount(string AgencyCode, long Count);

/// <summary>Pending deliveries of one webhook subscription and the creation time of the oldest.</summary>
internal sealed record WebhookBacklog(Guid SubscriptionId, string AgencyCode, long Pending, DateTimeOffset OldestCreatedAt);
