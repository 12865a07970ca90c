namespace ReferralApi.Features.Webhooks;

/// <summary>One <c>webhook_subscriptions</c> row; secrets are the encrypted stored forms.</summary>
internal sealed record WebhookSubscriptionRow
{
    public Guid Id { get; init; }

    public Guid AgencyId { get; init; }

    public string Url { get; init; } = string.Empty;

    public string? Description { get; init; }

    public string EventTypes { get; init; } = string.Empty;

    public string Status { get; init; } = WebhookStatus.Active;

    public string? StatusReason { get; init; }

    public string Secret { get; init; } = string.Empty;

    public string? PreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public WebhookResponse ToResponse(DateTimeOffset now) => new(
        Id, Url, EventTypeFilter.Decode(EventTypes), Description, Status, StatusReason, OverlapEnd(now), CreatedAt, UpdatedAt);

    public WebhookCreatedResponse ToCreated(string? secret, DateTimeOffset now) => new(
        Id, Url, EventTypeFilter.Decode(EventTypes), Description, Status, StatusReason, OverlapEnd(now), CreatedAt, UpdatedAt, secret);

    /// <summary>The end of the rotation overlap, while it lasts.</summary>
    public DateTimeOffset? OverlapEnd(DateTimeOffset now) => PreviousSecretExpiresAt > now ? PreviousSecretExpiresAt : null;
}

/// <summary>One <c>webhook_deliveries</c> row as the delivery log shows it.</summary>
internal sealed record WebhookDeliveryRow
{
    public long Seq { get; init; }

    public Guid EventId { get; init; }

    public string EventType { get; init; } = string.Empty;

    public string Status { get; init; } = string.Empty;

    public int Attempts { get; init; }

    public int? LastStatusCode { get; init; }

    public string? LastError { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? DeliveredAt { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public WebhookDeliveryResponse ToResponse() => new(
        EventId, EventId, EventType, Status, Attempts, LastStatusCode, LastError, Status == WebhookStatus.Pending ? NextAttemptAt : null, DeliveredAt, CreatedAt, UpdatedAt);
}
