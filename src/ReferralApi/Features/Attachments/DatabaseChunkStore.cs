using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// <c>Attachments:Store = database</c>, the owner of the <c>attachment_chunks</c> table: the chunks
/// in the referral's own database. Each chunk is written in a statement of its own as the upload
/// streams in, so no transaction spans a client's upload; deletions join the caller's transaction.
/// </summary>
internal sealed class DatabaseChunkStore(UnitOfWork db) : IAttachmentChunkStore
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

    /// <summary>Lands only while the chunk is still under the key it was read with.</summary>
    public const string Replace = """
        UPDATE attachment_chunks SET key_id = @KeyId, sealed = @Sealed
        WHERE attachment_id = @AttachmentId AND position = @Position AND key_id = @OldKeyId
        """;

    /// <summary>Chunks of completed uploads under a key other than the active one, after a position, in (attachment, position) order.</summary>
    internal static string SelectStale(SqlDialect dialect) => $"""
        SELECT c.attachment_id AS AttachmentId, c.position AS Position, c.key_id AS KeyId, c.sealed AS Sealed, a.chunk_count AS ChunkCount
        FROM attachment_chunks c
        JOIN attachments a ON a.id = c.attachment_id
        WHERE c.key_id <> @ActiveKeyId AND a.uploaded_at IS NOT NULL
          AND (c.attachment_id > @After OR (c.attachment_id = @After AND c.position > @AfterPosition))
        ORDER BY c.attachment_id, c.position
        {dialect.Limit("@Limit")}
        """;

    public Task<IReadOnlyList<StaleChunk>> ReadStaleAsync(string activeKeyId, Guid after, int afterPosition, int limit, CancellationToken ct) =>
        db.QueryAsync<StaleChunk>(SelectStale(db.Dialect), new { ActiveKeyId = activeKeyId, After = after, AfterPosition = afterPosition, Limit = limit }, ct);

    public async Task<bool> ReplaceAsync(ChunkRow chunk, string oldKeyId, CancellationToken ct) =>
        await db.ExecuteAsync(Replace, new { chunk.AttachmentId, chunk.Position, chunk.KeyId, chunk.Sealed, OldKeyId = oldKeyId }, ct) == 1;

    /// <summary>
    /// The chunks of an upload that never completed, and only then: after a commit whose outcome
    /// is unknown the upload may have completed after all, and its chunks must stay.
    /// </summary>
    public const string DeleteForUnfinished = """
        DELETE FROM attachment_chunks
        WHERE attachment_id = @AttachmentId AND EXISTS (SELECT 1 FROM attachments a WHERE a.id = @AttachmentId AND a.uploaded_at IS NULL)
        """;

    public Task DeleteUnfinishedAsync(Guid attachmentId, CancellationToken ct) => db.ExecuteAsync(DeleteForUnfinished, new { AttachmentId = attachmentId }, ct);

    public Task InsertAsync(ChunkRow chunk, CancellationToken ct) => db.ExecuteAsync(Insert, chunk, ct);

    /// <summary>Nothing to do: each chunk's insert is a committed statement of its own.</summary>
    public Task FlushAsync(Guid attachmentId, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Chunks <paramref name="first"/> to <paramref name="last"/>, in order; a missing one is simply absent.</summary>
    public Task<IReadOnlyList<ChunkRow>> ReadAsync(Guid attachmentId, int first, int last, CancellationToken ct) =>
        db.QueryAsync<ChunkRow>(SelectRange, new { AttachmentId = attachmentId, First = first, Last = last }, ct);

    public Task DeleteAllAsync(Guid attachmentId, CancellationToken ct) => db.ExecuteAsync(DeleteForAttachment, new { AttachmentId = attachmentId }, ct);

    /// <summary>Nothing to do: a chunk row goes in the transaction that deletes or erases its file, and none outlives its attachment's row.</summary>
    public Task RemoveOrphansAsync(CancellationToken ct) => Task.CompletedTask;
}
