using System.Globalization;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Infrastructure.Paging;

/// <summary>The keyset of lists ordered by an instant then an id: the last item's (instant, id).</summary>
internal static class InstantIdCursor
{
    public static string Encode(DateTimeOffset at, Guid id) =>
        Cursor.Encode(at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), id.ToString());

    /// <summary>The position after which the page starts: the start of the list without a cursor; 400 for a cursor not ours.</summary>
    public static (DateTimeOffset? AfterAt, Guid? AfterId) Decode(PageRequest page)
    {
        if (page.After is null)
        {
            return (null, null);
        }

        if (page.After is not [var at, var id]
            || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsedAt)
            || !Guid.TryParse(id, CultureInfo.InvariantCulture, out var parsedId))
        {
            throw ApiProblem.Validation("cursor", Messages.Cursor);
        }

        return (Instant.Normalize(parsedAt), parsedId);
    }
}
