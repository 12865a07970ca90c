using Dapper;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Paging;

namespace ReferralApi.Features.Referrals;

/// <summary>The lists of referrals: an agency's inbox and outbox, and the referrals of a case.</summary>
internal sealed partial class ReferralStore
{
    /// <summary>Every referral of a case, oldest first; who may see which is the caller's decision.</summary>
    public static readonly string SelectCase = $"""
        SELECT {ReferralRow.Columns} FROM referrals WHERE case_id = @CaseId ORDER BY created_at, id
        """;

    /// <summary>Every referral of the case as stored (personal fields sealed), oldest first.</summary>
    public Task<IReadOnlyList<ReferralRow>> CaseReferralsSealedAsync(Guid caseId, CancellationToken ct) =>
        db.QueryAsync<ReferralRow>(SelectCase, new { CaseId = caseId }, ct);

    /// <summary>One page of the agency's inbox, outbox or both, newest activity first (personal fields sealed).</summary>
    public Task<IReadOnlyList<ReferralRow>> ListAsync(Guid agency, ReferralFilter filter, PageRequest page, DateTimeOffset now, CancellationToken ct)
    {
        var (sql, args) = BuildListQuery(db.Dialect, agency, filter, page, now);
        return db.QueryAsync<ReferralRow>(sql, args, ct);
    }

    internal static (string Sql, DynamicParameters Args) BuildListQuery(SqlDialect dialect, Guid agency, ReferralFilter filter, PageRequest page, DateTimeOffset now)
    {
        var args = new DynamicParameters();
        var where = Conditions(dialect, args, agency, filter, now);
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

    /// <summary>The WHERE conditions of the list's filters, shared by the list and the export.</summary>
    internal static List<string> Conditions(SqlDialect dialect, DynamicParameters args, Guid agency, ReferralFilter filter, DateTimeOffset now)
    {
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

        return where;
    }
}
