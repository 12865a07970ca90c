using ReferralApi.Domain;

namespace ReferralApi.Features.Reports;

/// <summary>
/// Aggregate figures over referrals, without any personal data. Every count from 1 to 4, and every
/// count that would give one back by subtraction, is <c>null</c> with <c>suppressed: true</c>.
/// </summary>
public sealed record ReportSummaryResponse(
    string Scope,
    ReportFilters Filters,
    DateTimeOffset GeneratedAt,
    int SuppressionThreshold,
    ReportCount Total,
    IReadOnlyList<ReportCodeCount> ByStatus,
    IReadOnlyList<ReportCodeCount> ByUrgency,
    IReadOnlyList<ReportCodeCount> ByViolenceType,
    IReadOnlyList<ReportCodeCount> ByService,
    IReadOnlyList<ReportCodeCount> ByRegion,
    IReadOnlyList<ReportCodeCount> BySenderSector,
    IReadOnlyList<ReportCodeCount> ByRecipientSector,
    ReportOverdue Overdue,
    ReportDurations HoursToReceive,
    ReportDurations HoursToAnswer,
    IReadOnlyList<ReportMonth>? Months);

/// <summary>The filters the figures were computed with; <c>to</c> is exclusive.</summary>
public sealed record ReportFilters(DateTimeOffset? From, DateTimeOffset To, string? RegionCode, Sector? Sector, string? GroupBy);

/// <summary>A number of referrals, or <c>null</c> with <c>suppressed: true</c>.</summary>
public sealed record ReportCount(int? Count, bool Suppressed);

/// <summary>The number of referrals with one code of a dimension.</summary>
public sealed record ReportCodeCount(string Code, int? Count, bool Suppressed);

/// <summary>
/// Referrals past <c>respondBy</c>: still awaiting an answer now, and accepted or declined late.
/// </summary>
public sealed record ReportOverdue(ReportCount AwaitingAnswer, ReportCount AnsweredLate);

/// <summary>
/// Hours from sending to a step, over the referrals that reached it; the median and 90th
/// percentile are withheld (<c>suppressed</c>) when fewer than 5 referrals reached it.
/// </summary>
public sealed record ReportDurations(ReportCount Referrals, double? MedianHours, double? P90Hours, bool Suppressed);

/// <summary>One calendar month (UTC) of the series: referrals sent in it, and how many of those are overdue now.</summary>
public sealed record ReportMonth(string Month, ReportCount Referrals, ReportCount Overdue);
