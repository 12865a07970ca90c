using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// The owner of the <c>attachment_chunks</c> table: an attachment's contents, each chunk sealed on
/// its own (<see cref="ChunkCipher"/>). Each chunk is written in a statement of its own as the upload
/// streams in, so no transaction spans a client's upload.
/// </summary>
internal sealed class AttachmentChunkStore(UnitOfWork db)
{
    public const string Insert = """
        INSERT INTO attachment_chunks (attachment_id, position, key_id, sealed) VALUES (@AttachmentId, @Position, @KeyId, @Sealed)
        """;

    public const string SelectRange = """
        SELECT attachment_id AS AttachmentId, position AS Position, key_id AS KeyId, sealed AS Sealed FROM attachment_chunks
        WHERE attachment_id = @AttachmentId AND position >= @First AND position <= @Last
        ORDER BY position
        """;

    /// <summary>One attachment's chunks: at most its size over 64 KiB (320 for 20 MiB).</summary>
    public const string DeleteForAttachment = "DELETE FROM attachment_chunks WHERE attachment_id = @AttachmentId";

    public Task InsertAsync(ChunkRow chunk, CancellationToken ct) => db.ExecuteAsync(Insert, chunk, ct);

    /// <summary>Chunks <paramref name="first"/> to <paramref name="last"/>, in order; a missing one is simply absent.</summary>
    public Task<IReadOnlyList<ChunkRow>> ReadAsync(Guid attachmentId, int first, int last, CancellationToken ct) =>
        db.QueryAsync<ChunkRow>(SelectRange, new { AttachmentId = attachmentId, First = first, Last = last }, ct);

    public Task DeleteAllAsync(Guid attachmentId, CancellationToken ct) => db.ExecuteAsync(DeleteForAttachment, new { AttachmentId = attachmentId }, ct);
}

/// <summary>One sealed chunk: nonce || ciphertext || tag under the key <see cref="KeyId"/>.</summary>
internal sealed record ChunkRow
{
    public Guid AttachmentId { get; init; }

    public int Position { get; init; }

    public string KeyId { get; init; } = string.Empty;

    public byte[] Sealed { get; init; } = [];
}
