using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// <c>Attachments:Store = filesystem</c>: each sealed chunk in a file of its own under
/// <c>Attachments:Folder</c> (<see cref="ChunkFolder"/>, <see cref="ChunkFileFormat"/>), written
/// durably (<see cref="DurableFile"/>). The database stays the record of which files exist: contents
/// are removed only after the transaction that deletes or erases a file commits, and the cleanup pass
/// removes what a crash between the two left behind (<see cref="RemoveOrphansAsync"/>).
/// </summary>
internal sealed class FileSystemChunkStore(UnitOfWork db, ChunkFolder folder, ChunkSweeper sweeper) : IAttachmentChunkStore
{
    public const string CountUnfinished = "SELECT COUNT(*) FROM attachments WHERE id = @Id AND uploaded_at IS NULL";

    /// <summary>Attachments whose contents must stay: live files, and uploads still in progress (the abandoned ones go with their row).</summary>
    public const string SelectKept = "SELECT id FROM attachments WHERE deleted_at IS NULL AND contents_erased_at IS NULL";

    /// <summary>Completed, live files from an id on, in id order (the order the engine compares ids in, as the paging needs).</summary>
    internal static string SelectCompleted(SqlDialect dialect) => $"""
        SELECT id AS AttachmentId, chunk_count AS ChunkCount FROM attachments
        WHERE uploaded_at IS NOT NULL AND deleted_at IS NULL AND contents_erased_at IS NULL AND id >= @After
        ORDER BY id
        {dialect.Limit("@Limit")}
        """;

    /// <summary>Files looked at per query while looking for stale chunks.</summary>
    private const int FilesPerQuery = 64;

    /// <summary>Each chunk's bytes are on disk when this returns; the names of all of them are made durable by <see cref="FlushAsync"/>.</summary>
    public async Task InsertAsync(ChunkRow chunk, CancellationToken ct)
    {
        if (chunk.Position == 0)
        {
            Directory.CreateDirectory(folder.DirectoryOf(chunk.AttachmentId));
        }

        await DurableFile.WriteAsync(
            folder.Temporary, folder.PathOf(chunk.AttachmentId, chunk.Position), ChunkFileFormat.Header(chunk.KeyId), chunk.Sealed, replace: false, flushDirectory: false, ct);
    }

    /// <summary>
    /// Flushes the attachment's directory (every chunk's name) and the one that names it, once per
    /// upload rather than once per chunk: an upload only completes after this.
    /// </summary>
    public Task FlushAsync(Guid attachmentId, CancellationToken ct)
    {
        DurableFile.FlushDirectory(folder.DirectoryOf(attachmentId));
        DurableFile.FlushDirectory(folder.Chunks);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyList<ChunkRow>> ReadAsync(Guid attachmentId, int first, int last, CancellationToken ct)
    {
        var chunks = new List<ChunkRow>(last - first + 1);
        for (var position = first; position <= last; position++)
        {
            if (await ReadFileAsync(attachmentId, position, ct) is { } file && ChunkFileFormat.Parse(attachmentId, position, file) is { } chunk)
            {
                chunks.Add(chunk);
            }
        }

        return chunks;
    }

    public Task DeleteAllAsync(Guid attachmentId, CancellationToken ct)
    {
        db.AfterCommit(() => sweeper.RemoveDirectory(attachmentId));
        return Task.CompletedTask;
    }

    public Task DeleteUnfinishedAsync(Guid attachmentId, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            // Joins the caller's transaction when there is one, so the files go only once it commits.
            if (await db.ExecuteScalarAsync<long>(CountUnfinished, new { Id = attachmentId }, token) > 0)
            {
                db.AfterCommit(() => sweeper.RemoveDirectory(attachmentId));
            }

            return true;
        }, ct);

    public async Task<IReadOnlyList<StaleChunk>> ReadStaleAsync(string activeKeyId, Guid after, int afterPosition, int limit, CancellationToken ct)
    {
        var stale = new List<StaleChunk>(limit);
        while (true)
        {
            var files = await db.QueryAsync<StaleChunk>(SelectCompleted(db.Dialect), new { After = after, Limit = FilesPerQuery }, ct);
            foreach (var file in files)
            {
                for (var position = file.AttachmentId == after ? afterPosition + 1 : 0; position < file.ChunkCount; position++)
                {
                    if (await ReadFileAsync(file.AttachmentId, position, ct) is { } bytes
                        && ChunkFileFormat.Parse(file.AttachmentId, position, bytes) is { } chunk && chunk.KeyId != activeKeyId)
                    {
                        stale.Add(file with { Position = position, KeyId = chunk.KeyId, Sealed = chunk.Sealed });
                        if (stale.Count == limit)
                        {
                            return stale;
                        }
                    }
                }
            }

            if (files.Count < FilesPerQuery)
            {
                return stale;
            }

            (after, afterPosition) = (files[^1].AttachmentId, int.MaxValue - 1);
        }
    }

    /// <summary>
    /// Reads the chunk's key again just before the rename: a chunk resealed meanwhile is left as it
    /// is. The check and the rename are two steps; the only other writer of a completed file's chunk
    /// is another re-encryption, whose result is as good, and a deletion meanwhile makes the rename fail.
    /// </summary>
    public async Task<bool> ReplaceAsync(ChunkRow chunk, string oldKeyId, CancellationToken ct)
    {
        var path = folder.PathOf(chunk.AttachmentId, chunk.Position);
        if (await ReadFileAsync(chunk.AttachmentId, chunk.Position, ct) is not { } current || ChunkFileFormat.ReadHeader(current)?.KeyId != oldKeyId)
        {
            return false;
        }

        try
        {
            await DurableFile.WriteAsync(folder.Temporary, path, ChunkFileFormat.Header(chunk.KeyId), chunk.Sealed, replace: true, flushDirectory: true, ct);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }

    public async Task RemoveOrphansAsync(CancellationToken ct)
    {
        // Directories first, rows second: a directory is made only after its row is committed, so an
        // upload that starts in between is either not listed or has its row read.
        var directories = folder.Attachments();
        if (directories.Count > 0)
        {
            var kept = (await db.QueryAsync<Guid>(SelectKept, null, ct)).ToHashSet();
            foreach (var orphan in directories.Where(id => !kept.Contains(id)))
            {
                sweeper.RemoveDirectory(orphan);
            }
        }

        sweeper.RemoveStaleTemporaryFiles();
    }

    private async Task<byte[]?> ReadFileAsync(Guid attachmentId, int position, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(folder.PathOf(attachmentId, position), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
