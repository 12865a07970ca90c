using System.Globalization;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Http;

/// <summary>A referral's <c>version</c> travels as its entity tag: <c>ETag: "3"</c>, and back in <c>If-Match</c>.</summary>
internal static class EntityTags
{
    public static void SetVersion(this HttpResponse response, int version) =>
        response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// True when the request has no <c>If-Match</c>, or one that names <paramref name="version"/> (or <c>*</c>);
    /// a malformed or weak (<c>W/"3"</c>) tag is a 400 naming the header.
    /// </summary>
    public static bool IfMatchAllows(this HttpRequest request, int version)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return true;
        }

        var matched = false;
        foreach (var raw in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == "*")
            {
                matched = true;
                continue;
            }

            // RFC 9110 §13.1.1: If-Match compares strongly, so a weak tag can never match a change.
            if (raw.StartsWith("W/", StringComparison.OrdinalIgnoreCase))
            {
                throw ApiProblem.Validation("If-Match", Messages.IfMatchWeak);
            }

            var tag = raw;
            if (tag.Length < 3 || tag[0] != '"' || tag[^1] != '"'
                || !int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var wanted))
            {
                throw ApiProblem.Validation("If-Match", Messages.IfMatch);
            }

            matched |= wanted == version;
        }

        return matched;
    }
}
