using System.Text;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// A chunk file of the file system store: a small header naming the key, then the sealed bytes
/// exactly as <see cref="ChunkCipher"/> wrote them. The header is <c>RAC1</c>, one byte for the key
/// id's length, and the key id in UTF-8; the key id is not secret, and is not trusted either: a wrong
/// one only makes the chunk fail to open.
/// </summary>
internal static class ChunkFileFormat
{
    /// <summary>Enough to read any header: the marker, the length byte and a key id of up to 255 bytes.</summary>
    public const int MaxHeaderBytes = 4 + 1 + 255;

    private static readonly byte[] Marker = "RAC1"u8.ToArray();

    public static byte[] Header(string keyId)
    {
        var id = Encoding.UTF8.GetBytes(keyId);
        if (id.Length is 0 or > 255)
        {
            throw new ArgumentException("A key id must take 1 to 255 bytes in UTF-8.", nameof(keyId));
        }

        return [.. Marker, (byte)id.Length, .. id];
    }

    /// <summary>The key id and where the sealed bytes start, or null when the bytes are no chunk file.</summary>
    public static (string KeyId, int SealedStart)? ReadHeader(ReadOnlySpan<byte> file)
    {
        if (file.Length < Marker.Length + 1 || !file.StartsWith(Marker))
        {
            return null;
        }

        var length = file[Marker.Length];
        var start = Marker.Length + 1 + length;
        if (length == 0 || file.Length < start)
        {
            return null;
        }

        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file.Slice(Marker.Length + 1, length)), start);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The chunk a file holds, or null when it is no chunk file (which a download then treats as a missing chunk).</summary>
    public static ChunkRow? Parse(Guid attachmentId, int position, byte[] file) =>
        ReadHeader(file) is { } header
            ? new ChunkRow { AttachmentId = attachmentId, Position = position, KeyId = header.KeyId, Sealed = file[header.SealedStart..] }
            : null;
}
