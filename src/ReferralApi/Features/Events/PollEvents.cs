using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Events;

/// <summary><c>GET /v1/events</c>: the caller's events in the order they happened, resumable from any cursor.</summary>
internal static class PollEvents
{
    public static async Task<Ok<EventPage>> Handle(ClaimsPrincipal user, EventLog events, string? cursor, string? after, string? types, string? limit, CancellationToken ct)
    {
        var (position, typeList, size) = Parse(cursor, after, types, limit);
        var rows = await events.ReadFeedAsync(Caller.From(user).Agency, position, typeList, size, ct);
        var last = rows.Count > 0 ? new FeedPosition(rows[^1].Position, rows[^1].Tiebreak) : position;
        return TypedResults.Ok(new EventPage([.. rows.Select(r => r.ToResponse())], Encode(last)));
    }

    private static (FeedPosition Position, IReadOnlyCollection<string> Types, int Limit) Parse(string? cursor, string? after, string? types, string? limit)
    {
        var errors = new ValidationErrors();
        if (cursor is not null && after is not null)
        {
            errors.Add("after", Messages.CursorOrAfter);
        }
        var size = EventEndpoints.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > EventEndpoints.MaxLimit))
        {
            errors.Add("limit", Messages.Range, 1, EventEndpoints.MaxLimit);
        }

        var position = FeedPosition.Start;
        var given = cursor ?? after;
        if (given is not null && !TryDecode(given, out position))
        {
            errors.Add(cursor is null ? "after" : "cursor", Messages.Cursor);
        }

        var typeList = (types ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (typeList.Any(t => !EventTypes.All.Contains(t)))
        {
            errors.Add("types", Messages.UnknownCode, string.Join(", ", EventTypes.All.Order(StringComparer.Ordinal)));
        }

        errors.ThrowIfAny();
        return (position, typeList, size);
    }

    private static string Encode(FeedPosition position) =>
        Cursor.Encode("e1", position.Position.ToString(CultureInfo.InvariantCulture), position.Tiebreak.ToString(CultureInfo.InvariantCulture));

    private static bool TryDecode(string cursor, out FeedPosition position)
    {
        position = FeedPosition.Start;
        if (!Cursor.TryDecode(cursor, out var parts) || parts is not ["e1", var p, var t]
            || !long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var tiebreak))
        {
            return false;
        }

        position = new FeedPosition(at, tiebreak);
        return true;
    }
}
