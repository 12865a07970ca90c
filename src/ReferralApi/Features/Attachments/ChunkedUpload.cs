using System.Buffers;
using System.Security.Cryptography;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Streams an upload into sealed chunks: two 64 KiB buffers, whatever the file's size. The SHA-256
/// is taken of the plaintext as it passes; the type is judged on the first chunk's leading bytes;
/// the size limit is enforced as the bytes arrive. One chunk is read ahead, so the last one is
/// known, and sealed as last, before it is written.
/// </summary>
internal static class ChunkedUpload
{
    public static async Task<StoredContents> StoreAsync(
        Stream body, Guid attachmentId, string? declaredType, long maxBytes, IAttachmentChunkStore chunks, ChunkCipher cipher, CancellationToken ct)
    {
        var current = ArrayPool<byte>.Shared.Rent(ChunkCipher.ChunkSize);
        var next = ArrayPool<byte>.Shared.Rent(ChunkCipher.ChunkSize);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var length = await FillAsync(body, current, ct);
            if (length == 0)
            {
                throw ApiProblem.Validation("body", Messages.EmptyFile);
            }

            var contentType = TypeOf(current.AsSpan(0, length), declaredType);
            long total = 0;
            for (var position = 0; ; position++)
            {
                total += length;
                if (total > maxBytes)
                {
                    throw new ApiProblem(ProblemCodes.FileTooLarge, new LocalizedText(Messages.FileSizeLimit, maxBytes));
                }

                var nextLength = length == ChunkCipher.ChunkSize ? await FillAsync(body, next, ct) : 0;
                var last = nextLength == 0;
                hash.AppendData(current, 0, length);
                await chunks.InsertAsync(cipher.Seal(attachmentId, position, last, current.AsSpan(0, length)), ct);
                if (last)
                {
                    await chunks.FlushAsync(attachmentId, ct);
                    return new StoredContents(total, Convert.ToHexStringLower(hash.GetHashAndReset()), position + 1, contentType);
                }

                (current, next, length) = (next, current, nextLength);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(next);
        }
    }

    /// <summary>
    /// The type the leading bytes show. A declared type must be that one; none, or
    /// application/octet-stream (what a browser sends when it does not know), defers to the bytes.
    /// </summary>
    public static string TypeOf(ReadOnlySpan<byte> leading, string? declaredType)
    {
        var accepted = string.Join(", ", FileSignatures.Accepted);
        var detected = FileSignatures.Detect(leading)
            ?? throw new ApiProblem(ProblemCodes.FileTypeNotAccepted, new LocalizedText(Messages.FileTypeUnknown, accepted));
        if (declaredType is not null && declaredType != "application/octet-stream" && declaredType != detected)
        {
            throw new ApiProblem(ProblemCodes.FileTypeNotAccepted, new LocalizedText(Messages.FileTypeMismatch, declaredType, detected));
        }

        return detected;
    }

    private static async Task<int> FillAsync(Stream body, byte[] buffer, CancellationToken ct) =>
        await body.ReadAtLeastAsync(buffer.AsMemory(0, ChunkCipher.ChunkSize), ChunkCipher.ChunkSize, throwOnEndOfStream: false, ct);
}

/// <summary>What an upload stored: its size, digest, number of chunks and the type its bytes showed.</summary>
internal sealed record StoredContents(long Size, string Sha256, int ChunkCount, string ContentType);
