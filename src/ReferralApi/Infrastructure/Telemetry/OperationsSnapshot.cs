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
/// <remarks>Settable properties, not a positional record: Dapper's type handlers (ids and instants
/// stored as text on SQLite) apply to properties, while a constructor must match column types exactly.</remarks>
internal sealed record OverdueCount
{
    public string AgencyCode { get; init; } = string.Empty;

    public long Count { get; init; }
}

/// <summary>Pending deliveries of one webhook subscription and the creation time of the oldest.</summary>
internal sealed record WebhookBacklog
{
    public Guid SubscriptionId { get; init; }

    public string AgencyCode { get; init; } = string.Empty;

    public long Pending { get; init; }

    public DateTimeOffset OldestCreatedAt { get; init; }
}
