using System.Globalization;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;

namespace ReferralApi.Features.Webhooks;

/// <summary>The keyset of webhook lists, oldest first: the last item's (created_at, id).</summary>
internal static class WebhookListCursor
{
    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        Cursor.Encode(createdAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), id.ToString());

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
