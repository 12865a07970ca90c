using Microsoft.Net.Http.Headers;

namespace ReferralApi.Infrastructure.Errors;

/// <summary>The language of titles and messages: Indonesian when the client asks for it, English otherwise.</summary>
internal enum Language
{
    English,
    Indonesian,
}

internal static class LanguageExtensions
{
    public static Language PreferredLanguage(this HttpContext context)
    {
        // Highest weight first (RFC 9110 §12.5.4), not first listed; the sort is stable, so equal
        // weights keep the client's order. A weight of 0 means "not this language".
        var ranges = context.Request.Headers.AcceptLanguage.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => StringWithQualityHeaderValue.TryParse(part, out var range) ? range : null)
            .OfType<StringWithQualityHeaderValue>()
            .Where(range => range.Quality is not 0)
            .OrderByDescending(range => range.Quality ?? 1);
        foreach (var range in ranges)
        {
            var tag = range.Value.Value ?? string.Empty;
            if (tag.Equals("id", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("id-", StringComparison.OrdinalIgnoreCase))
            {
                return Language.Indonesian;
            }

            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return Language.English;
            }
        }

        return Language.English;
    }
}
