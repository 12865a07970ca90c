using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// <c>GET /v1/referrals/{id}/attachments/{attachmentId}</c>: the file's bytes, opened chunk by chunk
/// as they are sent, a few chunks read at a time. A chunk that fails to open (altered at rest, moved,
/// or missing) ends the answer there: before the first byte with a 500, after it by aborting the
/// connection, so a client never takes altered or cut bytes for the file. Either way it is logged.
/// </summary>
internal static partial class DownloadAttachment
{
    /// <summary>Chunks read per query: 512 KiB of a file at a time.</summary>
    private const int ChunksPerRead = 8;

    public static async Task Handle(
        Guid id, Guid attachmentId, HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AttachmentServices services,
        AccessRecorder recorder, ILogger<AttachmentStore> logger, CancellationToken ct)
    {
        var row = await FindOpenableAsync(id, attachmentId, user, referrals, services, ct);
        if (ByteRange.Of(http.Request, row.Size, EntityTag(row)) is not { } range)
        {
            throw new ApiProblem(ProblemCodes.RangeNotSatisfiable) { ContentRange = $"bytes */{row.Size}" };
        }

        await recorder.RecordReadAsync(http, AccessActions.DownloadAttachment, [id], ct);
        var response = http.Response;
        response.StatusCode = range.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        WriteHeaders(response, row, range.Length);
        if (range.Partial)
        {
            response.Headers.ContentRange = $"bytes {range.From}-{range.To}/{row.Size}";
        }

        await SendAsync(http, row, range, services, logger, ct);
    }

    /// <summary>
    /// <c>HEAD</c>: the headers a download would send, to the same parties, and no byte of the file.
    /// It discloses what the list does (with the name, to whoever may open the file), so the access
    /// log records it as that read. A <c>Range</c> is ignored, as RFC 9110 asks of any method but GET.
    /// </summary>
    public static async Task Head(
        Guid id, Guid attachmentId, HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AttachmentServices services,
        AccessRecorder recorder, CancellationToken ct)
    {
        var row = await FindOpenableAsync(id, attachmentId, user, referrals, services, ct);
        await recorder.RecordReadAsync(http, AccessActions.ListAttachments, [id], ct);
        http.Response.StatusCode = StatusCodes.Status200OK;
        WriteHeaders(http.Response, row, row.Size);
    }

    /// <summary>The attachment, once the caller is shown to be a party that may open it now and its contents are still there.</summary>
    private static async Task<AttachmentRow> FindOpenableAsync(
        Guid id, Guid attachmentId, ClaimsPrincipal user, ReferralStore referrals, AttachmentServices services, CancellationToken ct)
    {
        var agency = Caller.From(user).Agency;
        var referral = await referrals.FindVisibleSealedAsync(id, agency, ct) ?? throw ApiProblem.NotFound();
        var row = await services.Attachments.FindAsync(id, attachmentId, ct) ?? throw ApiProblem.NotFound();
        AttachmentDisclosure.RequireMayOpen(referral, agency);
        return row.IsGone ? throw new ApiProblem(ProblemCodes.AttachmentGone) : row;
    }

    private static string EntityTag(AttachmentRow row) => $"\"{row.Sha256}\"";

    private static void WriteHeaders(HttpResponse response, AttachmentRow row, long length)
    {
        response.ContentType = row.ContentType;
        response.ContentLength = length;
        response.Headers.ETag = EntityTag(row);
        response.Headers.AcceptRanges = "bytes";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(row.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }

    private static async Task SendAsync(HttpContext http, AttachmentRow row, ByteRange range, AttachmentServices services, ILogger logger, CancellationToken ct)
    {
        var first = (int)(range.From / ChunkCipher.ChunkSize);
        var last = (int)(range.To / ChunkCipher.ChunkSize);
        var plaintext = ArrayPool<byte>.Shared.Rent(ChunkCipher.ChunkSize);
        try
        {
            for (var batch = first; batch <= last; batch += ChunksPerRead)
            {
                var upTo = Math.Min(batch + ChunksPerRead - 1, last);
                var chunks = await services.Chunks.ReadAsync(row.Id, batch, upTo, ct);
                for (var position = batch; position <= upTo; position++)
                {
                    var length = Open(chunks, position - batch, row, position, services.Cipher, plaintext);
                    if (length < 0)
                    {
                        Unreadable(logger, row.Id, position);
                        if (!http.Response.HasStarted)
                        {
                            throw new CryptographicException("An attachment chunk failed authentication.");
                        }

                        http.Abort();
                        return;
                    }

                    var start = position == first ? (int)(range.From % ChunkCipher.ChunkSize) : 0;
                    var end = position == last ? (int)(range.To % ChunkCipher.ChunkSize) + 1 : length;
                    await http.Response.Body.WriteAsync(plaintext.AsMemory(start, end - start), ct);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plaintext, clearArray: true);
        }
    }

    /// <summary>The chunk's plaintext length, or -1 when it is missing or fails to open where it stands.</summary>
    private static int Open(IReadOnlyList<ChunkRow> chunks, int index, AttachmentRow row, int position, ChunkCipher cipher, byte[] plaintext)
    {
        if (index >= chunks.Count || chunks[index].Position != position)
        {
            return -1;
        }

        try
        {
            return cipher.Open(chunks[index], row.Id, position, position == row.ChunkCount - 1, plaintext);
        }
        catch (CryptographicException)
        {
            return -1;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Attachment {AttachmentId} chunk {Position} is missing or failed authentication; the download was ended without it")]
    private static partial void Unreadable(ILogger logger, Guid attachmentId, int position);
}
