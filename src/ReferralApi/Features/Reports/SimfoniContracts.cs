namespace ReferralApi.Features.Reports;

/// <summary>
/// One month in the categories of SIMFONI-PPA, counted in victims: one per case (a referral chain is
/// one victim), the cases whose first referral in scope was sent in the month (WIB). Every count from
/// 1 to 4, and any count that would give one back by subtraction, is <c>null</c> with <c>suppressed: true</c>.
/// </summary>
public sealed record SimfoniReportResponse(
    string Scope,
    int Year,
    int Month,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    int SuppressionThreshold,
    string Source,
    ReportCount Victims,
    IReadOnlyList<ReportCodeCount> ByViolenceForm,
    IReadOnlyList<ReportCodeCount> ByPlace,
    IReadOnlyList<ReportCodeCount> ByAgeGroup,
    IReadOnlyList<ReportCodeCount> BySex,
    IReadOnlyList<ReportCodeCount> ByService);
