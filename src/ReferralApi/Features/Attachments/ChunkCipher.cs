using System.Text;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Seals an attachment's contents chunk by chunk with AES-256-GCM from the key ring. Each chunk's
/// associated data names its attachment, its position and whether it is the last, so a chunk moved
/// to another file or place, a reordering, or a file cut short at a chunk boundary fails to open.
/// </summary>
internal sealed class ChunkCipher(KeyRing keys)
{
    /// <summary>Plaintext bytes per chunk.</summary>
    public const int ChunkSize = 64 * 1024;

    public ChunkRow Seal(Guid attachmentId, int position, bool final, ReadOnlySpan<byte> plaintext)
    {
        var sealedBytes = new byte[plaintext.Length + KeyRing.SealedOverhead];
        var keyId = keys.SealBytes(plaintext, AssociatedData(attachmentId, position, final), sealedBytes);
        return new ChunkRow { AttachmentId = attachmentId, Position = position, KeyId = keyId, Sealed = sealedBytes };
    }

    /// <summary>Opens a chunk into <paramref name="destination"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it is not the one expected there.</summary>
    public int Open(ChunkRow chunk, Guid attachmentId, int position, bool final, Span<byte> destination) =>
        keys.OpenBytes(chunk.KeyId, chunk.Sealed, AssociatedData(attachmentId, position, final), destination);

    /// <summary>The chunk sealed again under the active key, for re-encryption after a key rotation.</summary>
    public ChunkRow Reseal(ChunkRow chunk, bool final)
    {
        var plaintext = new byte[ChunkSize];
        var length = Open(chunk, chunk.AttachmentId, chunk.Position, final, plaintext);
        return Seal(chunk.AttachmentId, chunk.Position, final, plaintext.AsSpan(0, length));
    }

    public bool IsActiveKey(string keyId) => keyId == keys.ActiveKeyId;

    private static byte[] AssociatedData(Guid attachmentId, int position, bool final) =>
        Encoding.UTF8.GetBytes($"attachment_chunks:{attachmentId:D}:{position}:{(final ? "last" : "more")}");
}
