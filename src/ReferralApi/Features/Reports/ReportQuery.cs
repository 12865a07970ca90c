using System.Globalization;
using Dapper;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Reports;

/// <summary>
/// The report's SQL, built for the caller's scope and filters. Counts come from one GROUP BY over
/// every single-valued dimension at once, so all of them are read in one statement and add up to
/// the same total (complementary suppression relies on that); code lists stored as JSON text are
/// counted with SUM over CASE. Only the milestones behind the percentiles come back per referral,
/// and they are streamed, not held.
/// </summary>
internal static class ReportQuery
{
    public const string ViolenceTypeColumn = "ViolenceType";
    public const string ServiceColumn = "Service";

    // Where it happened, else where the subject lives; at regency level (61.03) so cells stay large.
    public const string Region = "SUBSTRING(COALESCE(r.incident_region_code, r.subject_region_code), 1, 5)";

    // Matches ReferralView.IsOverdue: still awaiting an answer after respondBy.
    private const string AwaitingLate = "r.status IN ('sent', 'received') AND r.respond_by < @Now";

    /// <summary>
    /// One row per combination of status, urgency, sender and recipient sector, region and month
    /// present, with its number of referrals, how many of them are overdue now, and one column per
    /// violence type and per service counting the referrals that name it (<c>ViolenceType0</c>, <c>Service0</c>, ...).
    /// </summary>
    public static (string Sql, DynamicParameters Args) Cube(SqlDialect dialect, ReportFilter filter, DateTimeOffset now)
    {
        var args = new DynamicParameters();
        args.Add("Now", now);
        var month = dialect.MonthOf("r.created_at");
        var groups = $"r.status, r.urgency, fa.sector, ta.sector, {Region}, {month}";
        var columns = new List<string>
        {
            "r.status AS Status", "r.urgency AS Urgency", "fa.sector AS SenderSector", "ta.sector AS RecipientSector",
            $"{Region} AS Region", $"{month} AS Month", "COUNT(*) AS Referrals",
            $"SUM(CASE WHEN {AwaitingLate} THEN 1 ELSE 0 END) AS AwaitingLate",
        };
        columns.AddRange(ContainsCodes<ViolenceType>("r.violence_types", ViolenceTypeColumn, args));
        columns.AddRange(ContainsCodes<Service>("r.services_requested", ServiceColumn, args));
        var sql = $"""
            SELECT {string.Join(",\n       ", columns)}
            {Scope(filter, args)}
            GROUP BY {groups}
            """;
        return (sql, args);
    }

    /// <summary>
    /// Per referral: when it was sent, its deadline, and when the receiver first acknowledged it
    /// (received, accepted or declined) and first answered it (accepted or declined), from the history.
    /// </summary>
    public static (string Sql, DynamicParameters Args) Milestones(ReportFilter filter)
    {
        var args = new DynamicParameters();
        var sql = $"""
            SELECT r.created_at AS SentAt, r.respond_by AS RespondBy,
                   MIN(CASE WHEN h.status IN ('received', 'accepted', 'declined') THEN h.at END) AS ReceivedAt,
                   MIN(CASE WHEN h.status IN ('accepted', 'declined') THEN h.at END) AS AnsweredAt
            {Scope(filter, args, "JOIN referral_status_changes h ON h.referral_id = r.id")}
            GROUP BY r.id, r.created_at, r.respond_by
            """;
        return (sql, args);
    }

    private static IEnumerable<string> ContainsCodes<T>(string column, string prefix, DynamicParameters args) where T : struct, Enum =>
        Enum.GetValues<T>().Select((code, i) =>
        {
            var name = prefix + i.ToString(CultureInfo.InvariantCulture);
            // Lists are stored as JSON arrays of codes; '_' in a code is a LIKE wildcard, so it is escaped.
            args.Add(name, "%\"" + Codes.Of(code).Replace("_", "\\_", StringComparison.Ordinal) + "\"%");
            return $"SUM(CASE WHEN {column} LIKE @{name} ESCAPE '\\' THEN 1 ELSE 0 END) AS {name}";
        });

    /// <summary>The referrals the report covers: the caller's own unless it has oversight, then the filters.</summary>
    private static string Scope(ReportFilter filter, DynamicParameters args, string extraJoin = "")
    {
        var where = new List<string>();
        if (filter.Agency is { } agency)
        {
            where.Add("(r.from_agency_id = @Agency OR r.to_agency_id = @Agency)");
            args.Add("Agency", agency);
        }

        if (filter.From is { } from)
        {
            where.Add("r.created_at >= @From");
            args.Add("From", from);
        }

        where.Add("r.created_at < @To");
        args.Add("To", filter.To);
        if (filter.RegionCode is { } region)
        {
            where.Add("(COALESCE(r.incident_region_code, r.subject_region_code) = @Region OR COALESCE(r.incident_region_code, r.subject_region_code) LIKE @RegionPrefix)");
            args.Add("Region", region);
            args.Add("RegionPrefix", region + ".%");
        }

        if (filter.Sector is { } sector)
        {
            where.Add("(fa.sector = @Sector OR ta.sector = @Sector)");
            args.Add("Sector", Codes.Of(sector));
        }

        return $"""
            FROM referrals r
            JOIN agencies fa ON fa.id = r.from_agency_id
            JOIN agencies ta ON ta.id = r.to_agency_id
            {extraJoin}
            WHERE {string.Join(" AND ", where)}
            """;
    }
}

/// <summary>What a report covers: <see cref="Agency"/> limits it to that agency's referrals (sent or received).</summary>
internal sealed record ReportFilter(Guid? Agency, DateTimeOffset? From, DateTimeOffset To, string? RegionCode, Sector? Sector, bool ByMonth);
