using System.Globalization;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Paging;

/// <summary><c>limit</c> (1–200, default 50) and the opaque <c>cursor</c> of a keyset-paginated list.</summary>
internal sealed record PageRequest(int Limit, IReadOnlyList<string>? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static PageRequest Parse(string? limit, string? cursor)
    {
        var errors = new ValidationErrors();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add("limit", Messages.Range, 1, MaxLimit);
        }

        IReadOnlyList<string>? after = null;
        if (cursor is not null && !Cursor.TryDecode(cursor, out after))
        {
            errors.Add("cursor", Messages.Cursor);
        }

        errors.ThrowIfAny();
        return new PageRequest(size, after);
    }
}
