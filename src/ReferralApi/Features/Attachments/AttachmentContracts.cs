namespace ReferralApi.Features.Attachments;

/// <summary>
/// A document attached to a referral, as one party may see it. Before acceptance the receiver
/// gets no <c>fileName</c> (names often hold the victim's name). A deleted attachment stays in the
/// list as a tombstone: kind, size, who and when, with <c>deletedAt</c> and no name, type or digest;
/// one erased under retention carries <c>contentsErasedAt</c> the same way.
/// </summary>
/// <param name="Id">The attachment's id.</param>
/// <param name="ReferralId">The referral it belongs to.</param>
/// <param name="Kind">A code of the <c>attachmentKinds</c> vocabulary.</param>
/// <param name="FileName">The file's name; null for the receiver before acceptance, and in a tombstone.</param>
/// <param name="ContentType">application/pdf, image/jpeg or image/png; null in a tombstone.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="Sha256">The SHA-256 of the file in lowercase hex (the download's ETag); null in a tombstone.</param>
/// <param name="UploadedByAgencyId">The agency that uploaded it.</param>
/// <param name="UploadedAt">When the upload completed.</param>
/// <param name="DeletedAt">When its uploader deleted it; null while it exists.</param>
/// <param name="DeletedByAgencyId">Who deleted it.</param>
/// <param name="ContentsErasedAt">When retention erased its contents.</param>
public sealed record AttachmentResponse(
    Guid Id,
    Guid ReferralId,
    string Kind,
    string? FileName,
    string? ContentType,
    long Size,
    string? Sha256,
    Guid UploadedByAgencyId,
    DateTimeOffset UploadedAt,
    DateTimeOffset? DeletedAt,
    Guid? DeletedByAgencyId,
    DateTimeOffset? ContentsErasedAt);

/// <summary>Every attachment of a referral, oldest first, tombstones included.</summary>
public sealed record AttachmentList(IReadOnlyList<AttachmentResponse> Items);
