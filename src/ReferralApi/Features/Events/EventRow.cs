namespace ReferralApi.Features.Events;

/// <summary>One feed row with its engine-specific position.</summary>
internal sealed record EventRow
{
    public Guid EventId { get; init; }

    public string Type { get; init; } = string.Empty;

    public DateTimeOffset OccurredAt { get; init; }

    public Guid ReferralId { get; init; }

    public Guid CaseId { get; init; }

    public string Status { get; init; } = string.Empty;

    public int Version { get; init; }

    public Guid ActorAgencyId { get; init; }

    public Guid? AttachmentId { get; init; }

    public string? AttachmentKind { get; init; }

    public long Position { get; init; }

    public long Tiebreak { get; init; }

    public EventResponse ToResponse() => new(EventId, Type, OccurredAt, new EventData(ReferralId, CaseId, Status, Version, ActorAgencyId, EventAttachment.Of(AttachmentId, AttachmentKind)));
}
