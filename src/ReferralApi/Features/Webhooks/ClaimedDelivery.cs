namespace ReferralApi.Features.Webhooks;

/// <summary>A delivery reserved for this worker, with what sending it needs. Event columns are null for a ping.</summary>
internal sealed record ClaimedDelivery
{
    public long Seq { get; init; }

    public Guid SubscriptionId { get; init; }

    public Guid EventId { get; init; }

    public string EventType { get; init; } = string.Empty;

    public int Attempts { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public Guid LeaseId { get; init; }

    public string Url { get; init; } = string.Empty;

    public string SubscriptionStatus { get; init; } = WebhookStatus.Active;

    public string Secret { get; init; } = string.Empty;

    public string? PreviousSecret { get; init; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    public DateTimeOffset? OccurredAt { get; init; }

    public Guid? ReferralId { get; init; }

    public Guid? CaseId { get; init; }

    public string? ReferralStatus { get; init; }

    public int? Version { get; init; }

    public Guid? ActorAgencyId { get; init; }

    public Guid? AttachmentId { get; init; }

    public string? AttachmentKind { get; init; }
}
