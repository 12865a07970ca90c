using Microsoft.Net.Http.Headers;

namespace ReferralApi.Infrastructure.Http;

/// <summary>Which of a route's media types the client ranks highest in <c>Accept</c>.</summary>
internal static class MediaTypeChoice
{
    /// <summary>
    /// The offered type the client prefers; the first offered type for no <c>Accept</c>, <c>*/*</c>,
    /// or an <c>Accept</c> naming none of them (the route's usual answer is the most useful refusal).
    /// </summary>
    public static string Preferred(HttpRequest request, params string[] offered)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return offered[0];
        }

        var preferred = ranges
            .Where(r => r.Quality is not 0)
            .OrderByDescending(r => r.Quality ?? 1)
            .FirstOrDefault(r => r.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase)
                || offered.Any(o => r.MediaType.Equals(o, StringComparison.OrdinalIgnoreCase)));
        return offered.FirstOrDefault(o => preferred?.MediaType.Equals(o, StringComparison.OrdinalIgnoreCase) == true) ?? offered[0];
    }
}
