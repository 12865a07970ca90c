using System.Globalization;
using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// <c>GET /v1/referrals</c>: the caller's inbox, outbox or both, newest activity first, keyset
/// paginated on (updated_at, id) over the indexes <c>ix_referrals_inbox</c> / <c>_outbox</c>.
/// </summary>
internal static class ListReferrals
{
    public static async Task<Ok<Page<ReferralSummary>>> Handle(
        HttpContext http, ClaimsPrincipal user, Db db, AccessRecorder recorder, TimeProvider clock,
        string? box, string? status, string? urgency, string? overdue, string? updatedAfter, string? limit, string? cursor,
        CancellationToken ct)
    {
        var filter = ParseFilter(box, status, urgency, overdue, updatedAfter);
        var page = PageRequest.Parse(limit, cursor);
        var now = clock.Now();
        var (sql, args) = BuildQuery(db.Dialect, Caller.From(user).Agency, filter, page, now);
        var rows = await db.ReadAsync(async (connection, token) =>
            (await connection.QueryAsync<ReferralRow>(new CommandDefinition(sql, args, cancellationToken: token))).AsList(), ct);
        await recorder.RecordAsync(http, AccessActions.List, [.. rows.Take(page.Limit).Select(r => r.Id)], ct);
        var items = rows.Take(page.Limit).Select(r => ReferralView.Summary(r, now)).ToList();
        var next = rows.Count > page.Limit
            ? InstantIdCursor.Encode(items[^1].UpdatedAt, items[^1].Id)
            : null;
        return TypedResults.Ok(new Page<ReferralSummary>(items, next));
    }

    internal static (string Sql, DynamicParameters Args) BuildQuery(SqlDialect dialect, Guid agency, ReferralFilter filter, PageRequest page, DateTimeOffset now)
    {
        var args = new DynamicParameters();
        args.Add("Agency", agency);
        var where = new List<string>
        {
            filter.Box switch
            {
                "inbox" => "to_agency_id = @Agency",
                "outbox" => "from_agency_id = @Agency",
                _ => "(to_agency_id = @Agency OR from_agency_id = @Agency)",
            },
        };
        if (filter.Statuses.Count > 0)
        {
            where.Add(dialect.InList(args, "status", "Statuses", [.. filter.Statuses.Select(Codes.Of)]));
        }

        if (filter.Urgency is { } urgencyCode)
        {
            where.Add("urgency = @Urgency");
            args.Add("Urgency", Codes.Of(urgencyCode));
        }

        if (filter.Overdue is { } overdueWanted)
        {
            where.Add(overdueWanted
                ? "(status IN ('sent', 'received') AND respond_by < @Now)"
                : "(status NOT IN ('sent', 'received') OR respond_by >= @Now)");
            args.Add("Now", now);
        }

        if (filter.UpdatedAfter is { } after)
        {
            where.Add("updated_at > @UpdatedAfter");
            args.Add("UpdatedAfter", after);
        }

        if (InstantIdCursor.Decode(page) is (DateTimeOffset cursorAt, Guid cursorId))
        {
            where.Add("(updated_at < @CursorAt OR (updated_at = @CursorAt AND id < @CursorId))");
            args.Add("CursorAt", cursorAt);
            args.Add("CursorId", cursorId);
        }

        args.Add("Limit", page.Limit + 1);
        var sql = $"""
            SELECT {ReferralRow.Columns} FROM referrals
            WHERE {string.Join(" AND ", where)}
            ORDER BY updated_at DESC, id DESC
            {dialect.Limit("@Limit")}
            """;
        return (sql, args);
    }

    private static ReferralFilter ParseFilter(string? box, string? status, string? urgency, string? overdue, string? updatedAfter)
    {
        var errors = new ValidationErrors();
        if (box is not null and not "inbox" and not "outbox")
        {
            errors.Add("box", Messages.UnknownCode, "inbox, outbox");
        }

        var statuses = new List<ReferralStatus>();
        foreach (var code in (status ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Codes.TryParse<ReferralStatus>(code, out var parsed))
            {
                statuses.Add(parsed);
            }
            else
            {
                errors.Add("status", Messages.UnknownCode, string.Join(", ", Codes.All<ReferralStatus>()));
            }
        }

        Urgency? urgencyCode = null;
        if (urgency is not null)
        {
            if (Codes.TryParse<Urgency>(urgency, out var parsed))
            {
                urgencyCode = parsed;
            }
            else
            {
                errors.Add("urgency", Messages.UnknownCode, string.Join(", ", Codes.All<Urgency>()));
            }
        }

        bool? overdueWanted = overdue switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (overdue is not null and not "true" and not "false")
        {
            errors.Add("overdue", Messages.UnknownCode, "true, false");
        }

        DateTimeOffset? after = null;
        if (updatedAfter is not null)
        {
            if (DateTimeOffset.TryParse(updatedAfter, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && (updatedAfter.EndsWith('Z') || updatedAfter.Contains('+', StringComparison.Ordinal) || updatedAfter.LastIndexOf('-') > 10))
            {
                after = Instant.Normalize(parsed);
            }
            else
            {
                errors.Add("updatedAfter", Messages.Instant);
            }
        }

        errors.ThrowIfAny();
        return new ReferralFilter(box, statuses, urgencyCode, overdueWanted, after);
    }
}

/// <summary>The filters of <c>GET /v1/referrals</c>.</summary>
internal sealed record ReferralFilter(string? Box, IReadOnlyList<ReferralStatus> Statuses, Urgency? Urgency, bool? Overdue, DateTimeOffset? UpdatedAfter);
