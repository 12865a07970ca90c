using System.Security.Cryptography;
using ReferralApi.Features.Privacy;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// The attachment side of the <c>reencrypt</c> command: every chunk of a completed upload that an
/// older key sealed is sealed again with the active key, a few chunks per batch (each batch in a
/// scope of its own). A chunk changed or deleted meanwhile is left as it now is.
/// </summary>
internal sealed class ChunkReEncryption(IServiceScopeFactory scopes, ChunkCipher cipher)
{
    /// <summary>Chunks per batch: 1 MiB of contents.</summary>
    private const int BatchSize = 16;

    public async Task<ReEncryptionReport> RunAsync(string activeKeyId, CancellationToken ct)
    {
        var report = new ReEncryptionReport(0, 0, 0);
        var (after, afterPosition) = (Guid.Empty, -1);
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var chunks = scope.ServiceProvider.GetRequiredService<IAttachmentChunkStore>();
            var batch = await chunks.ReadStaleAsync(activeKeyId, after, afterPosition, BatchSize, ct);
            foreach (var chunk in batch)
            {
                report = report.Add(await ResealAsync(chunks, chunk, ct));
            }

            if (batch.Count < BatchSize)
            {
                return report;
            }

            (after, afterPosition) = (batch[^1].AttachmentId, batch[^1].Position);
        }
    }

    private async Task<ReEncryptionReport> ResealAsync(IAttachmentChunkStore chunks, StaleChunk stale, CancellationToken ct)
    {
        var chunk = new ChunkRow { AttachmentId = stale.AttachmentId, Position = stale.Position, KeyId = stale.KeyId, Sealed = stale.Sealed };
        try
        {
            var resealed = cipher.Reseal(chunk, final: stale.Position == stale.ChunkCount - 1);
            return await chunks.ReplaceAsync(resealed, stale.KeyId, ct) ? new ReEncryptionReport(1, 1, 0) : new ReEncryptionReport(0, 0, 0);
        }
        catch (CryptographicException)
        {
            return new ReEncryptionReport(0, 0, 1);
        }
    }
}

/// <summary>A chunk under an older key, with its file's chunk count, which tells whether it is the last.</summary>
internal sealed record StaleChunk
{
    public Guid AttachmentId { get; init; }

    public int Position { get; init; }

    public string KeyId { get; init; } = string.Empty;

    public byte[] Sealed { get; init; } = [];

    public int ChunkCount { get; init; }
}
