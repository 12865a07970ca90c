using Microsoft.Net.Http.Headers;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// The part of a file a download sends: the whole file, or the one range of a <c>Range: bytes=</c>
/// header (RFC 9110 §14). Several ranges, another unit, or an <c>If-Range</c> that names another
/// version get the whole file, as the RFC allows.
/// </summary>
internal readonly record struct ByteRange(long From, long To, bool Partial)
{
    public long Length => To - From + 1;

    /// <summary>Null when the single range asked for lies wholly outside the file (416).</summary>
    public static ByteRange? Of(HttpRequest request, long size, string entityTag)
    {
        var whole = new ByteRange(0, size - 1, false);
        var header = request.Headers.Range.ToString();
        if (header.Length == 0 || !RangeHeaderValue.TryParse(header, out var range) || range.Unit != "bytes" || range.Ranges.Count != 1)
        {
            return whole;
        }

        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length > 0 && ifRange != entityTag)
        {
            return whole;
        }

        var item = range.Ranges.Single();
        if (item.From is null)
        {
            // A suffix: the last n bytes.
            var count = Math.Min(item.To!.Value, size);
            return count == 0 ? null : new ByteRange(size - count, size - 1, true);
        }

        if (item.From.Value >= size)
        {
            return null;
        }

        return new ByteRange(item.From.Value, Math.Min(item.To ?? size - 1, size - 1), true);
    }
}
