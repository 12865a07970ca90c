namespace ReferralApi.Features.Attachments;

/// <summary>
/// Where an attachment's sealed chunks are kept (<c>Attachments:Store</c>): <see cref="DatabaseChunkStore"/>
/// or <see cref="FileSystemChunkStore"/>. Both keep exactly what <see cref="ChunkCipher"/> sealed, with
/// its key id, and never see plaintext; whether a chunk is authentic is judged by whoever opens it.
/// </summary>
internal interface IAttachmentChunkStore
{
    /// <summary>Stores one chunk of an upload in progress.</summary>
    Task InsertAsync(ChunkRow chunk, CancellationToken ct);

    /// <summary>Once this returns, every chunk of the upload inserted so far survives a crash or a power cut; called before the upload completes.</summary>
    Task FlushAsync(Guid attachmentId, CancellationToken ct);

    /// <summary>Chunks <paramref name="first"/> to <paramref name="last"/>, in order; a missing one is simply absent.</summary>
    Task<IReadOnlyList<ChunkRow>> ReadAsync(Guid attachmentId, int first, int last, CancellationToken ct);

    /// <summary>
    /// Removes a file's contents, inside the caller's transaction (a deletion or an erasure): they go
    /// only if it commits.
    /// </summary>
    Task DeleteAllAsync(Guid attachmentId, CancellationToken ct);

    /// <summary>
    /// The chunks of an upload that never completed, and only then: after a commit whose outcome
    /// is unknown the upload may have completed after all, and its chunks must stay.
    /// </summary>
    Task DeleteUnfinishedAsync(Guid attachmentId, CancellationToken ct);

    /// <summary>Chunks of completed uploads under a key other than the active one, after a position, in (attachment, position) order.</summary>
    Task<IReadOnlyList<StaleChunk>> ReadStaleAsync(string activeKeyId, Guid after, int afterPosition, int limit, CancellationToken ct);

    /// <summary>Replaces a chunk with its resealed form, only while it is still under <paramref name="oldKeyId"/>; false when it was not replaced.</summary>
    Task<bool> ReplaceAsync(ChunkRow chunk, string oldKeyId, CancellationToken ct);

    /// <summary>Removes contents no live attachment owns any more (left by a crash between a commit and the removal it allowed).</summary>
    Task RemoveOrphansAsync(CancellationToken ct);
}
