using System.Globalization;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Paging;

/// <summary>The cursor of an append-only log read oldest first: the last sequence number seen.</summary>
internal static class SeqCursor
{
    /// <summary>The sequence number to continue after (0 for the first page); a foreign cursor is a 400.</summary>
    public static long After(PageRequest page)
    {
        if (page.After is null)
        {
            return 0;
        }

        return page.After is [var seq] && long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ApiProblem.Validation("cursor", Messages.Cursor);
    }

    /// <summary>Given one row more than the page holds, the cursor after the page's last row; null on the last page.</summary>
    public static string? Next<T>(IReadOnlyList<T> rows, PageRequest page, Func<T, long> seqOf) =>
        rows.Count > page.Limit ? Cursor.Encode(seqOf(rows[page.Limit - 1]).ToString(CultureInfo.InvariantCulture)) : null;
}
