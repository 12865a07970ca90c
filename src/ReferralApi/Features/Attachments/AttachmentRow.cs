namespace ReferralApi.Features.Attachments;

/// <summary>One <c>attachments</c> row; <see cref="FileName"/> travels sealed between the database and <see cref="AttachmentStore"/>.</summary>
internal sealed record AttachmentRow
{
    public Guid Id { get; init; }

    public Guid ReferralId { get; init; }

    public string Kind { get; init; } = string.Empty;

    public string? FileName { get; init; }

    public string? ContentType { get; init; }

    public long Size { get; init; }

    public string? Sha256 { get; init; }

    public int ChunkCount { get; init; }

    public Guid UploadedByAgencyId { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? UploadedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    public Guid? DeletedByAgencyId { get; init; }

    public DateTimeOffset? ContentsErasedAt { get; init; }

    /// <summary>Deleted or erased: listed as a tombstone, its contents gone.</summary>
    public bool IsGone => DeletedAt is not null || ContentsErasedAt is not null;

    public AttachmentResponse ToResponse(bool showFileName) => new(
        Id, ReferralId, Kind, showFileName && !IsGone ? FileName : null, IsGone ? null : ContentType, Size, IsGone ? null : Sha256,
        UploadedByAgencyId, UploadedAt ?? StartedAt, DeletedAt, DeletedByAgencyId, ContentsErasedAt);
}
