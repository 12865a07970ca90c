using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
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
        HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AccessRecorder recorder, TimeProvider clock,
        string? box, string? status, string? urgency, string? overdue, string? updatedAfter, string? limit, string? cursor,
        CancellationToken ct)
    {
        var filter = ParseFilter(box, status, urgency, overdue, updatedAfter);
        var page = PageRequest.Parse(limit, cursor);
        var now = clock.Now();
        var rows = await referrals.ListAsync(Caller.From(user).Agency, filter, page, now, ct);
        await recorder.RecordReadAsync(http, AccessActions.List, [.. rows.Take(page.Limit).Select(r => r.Id)], ct);
        var items = rows.Take(page.Limit).Select(r => ReferralView.Summary(r, now)).ToList();
        var next = rows.Count > page.Limit
            ? InstantIdCursor.Encode(items[^1].UpdatedAt, items[^1].Id)
            : null;
        return TypedResults.Ok(new Page<ReferralSummary>(items, next));
    }

    private static ReferralFilter ParseFilter(string? box, string? status, string? urgency, string? overdue, string? updatedAfter)
    {
        var errors = new ValidationErrors();
        var filter = ParseFilter(errors, box, status, urgency, overdue, updatedAfter);
        errors.ThrowIfAny();
        return filter;
    }

    /// <summary>The list's filters, adding what is wrong with them to <paramref name="errors"/> (shared with the export).</summary>
    internal static ReferralFilter ParseFilter(ValidationErrors errors, string? box, string? status, string? urgency, string? overdue, string? updatedAfter)
    {
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

        return new ReferralFilter(box, statuses, urgencyCode, overdueWanted, ParseInstant(errors, "updatedAfter", updatedAfter));
    }

    /// <summary>An RFC 3339 instant with its offset, or null when absent; anything else is an error naming <paramref name="name"/>.</summary>
    internal static DateTimeOffset? ParseInstant(ValidationErrors errors, string name, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 10))
        {
            return Instant.Normalize(parsed);
        }

        errors.Add(name, Messages.Instant);
        return null;
    }
}

/// <summary>The filters of <c>GET /v1/referrals</c>.</summary>
internal sealed record ReferralFilter(string? Box, IReadOnlyList<ReferralStatus> Statuses, Urgency? Urgency, bool? Overdue, DateTimeOffset? UpdatedAfter);
