using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// <c>GET /v1/referrals/{id}/access-log</c> for the two parties, and <c>GET /v1/admin/access-log</c>
/// for administrators: who read or changed a referral, and when.
/// </summary>
internal static class ReadAccessLog
{
    public static async Task<Ok<Page<AccessLogEntry>>> ForReferral(
        Guid id, HttpContext http, ClaimsPrincipal user, ReferralStore referrals, AccessRecorder recorder, AccessLogStore store,
        string? limit, string? cursor, CancellationToken ct)
    {
        var page = PageRequest.Parse(limit, cursor);
        var afterSeq = AfterSeq(page);
        var agency = Caller.From(user).Agency;
        _ = await referrals.FindVisibleSealedAsync(id, agency, ct) ?? throw ApiProblem.NotFound();
        await recorder.RecordReadAsync(http, AccessActions.ReadAccessLog, [id], ct);
        var rows = await store.ForReferralAsync(id, afterSeq, page.Limit + 1, ct);
        return TypedResults.Ok(new Page<AccessLogEntry>([.. rows.Take(page.Limit).Select(r => r.ToEntry())], NextCursor(rows, page)));
    }

    public static async Task<Ok<Page<AdminAccessLogEntry>>> Search(
        AccessLogStore store, string? agencyId, string? referralId, string? from, string? to, string? limit, string? cursor, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var filter = new AccessLogFilter(ParseId(errors, "agencyId", agencyId), ParseId(errors, "referralId", referralId),
            ParseInstant(errors, "from", from), ParseInstant(errors, "to", to));
        errors.ThrowIfAny();
        var page = PageRequest.Parse(limit, cursor);
        var rows = await store.SearchAsync(filter, AfterSeq(page), page.Limit + 1, ct);
        return TypedResults.Ok(new Page<AdminAccessLogEntry>([.. rows.Take(page.Limit).Select(r => r.ToAdminEntry())], NextCursor(rows, page)));
    }

    private static long AfterSeq(PageRequest page) => SeqCursor.After(page);

    private static string? NextCursor(IReadOnlyList<AccessLogRow> rows, PageRequest page) => SeqCursor.Next(rows, page, r => r.Seq);

    private static Guid? ParseId(ValidationErrors errors, string name, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        errors.Add(name, Messages.InvalidValue);
        return null;
    }

    /// <summary>RFC 3339 with an explicit offset, as every instant of the API.</summary>
    private static DateTimeOffset? ParseInstant(ValidationErrors errors, string name, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > 10;
        if (hasOffset && text.Length > 10 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return Infrastructure.Json.Instant.Normalize(parsed);
        }

        errors.Add(name, Messages.Instant);
        return null;
    }
}
