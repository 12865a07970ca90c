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
        var header = context.Request.Headers.AcceptLanguage.ToString();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = part.Split(';')[0].Trim();
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
