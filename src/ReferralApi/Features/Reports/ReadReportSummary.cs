using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Reports;

/// <summary><c>GET /v1/reports/summary</c>: counts and response times for oversight, in JSON or CSV.</summary>
internal static class ReadReportSummary
{
    public static async Task<Results<Ok<ReportSummaryResponse>, ContentHttpResult>> Handle(
        HttpContext http,
        ClaimsPrincipal user,
        ReportReader reader,
        TimeProvider clock,
        string? from,
        string? to,
        string? regionCode,
        string? sector,
        string? groupBy,
        CancellationToken ct)
    {
        var now = clock.Now();
        var (start, end, sectorCode, byMonth) = ReportRequest.Parse(from, to, regionCode, sector, groupBy, now);
        var caller = Caller.From(user);
        var everything = caller.Roles.Contains(Roles.Oversight);
        var filter = new ReportFilter(everything ? null : caller.Agency, start, end, regionCode, sectorCode, byMonth);
        var (cube, durations) = await reader.ReadAsync(filter, now, ct);
        var first = start ?? FirstMonth(cube);
        if (byMonth && first is { } firstMonth)
        {
            ReportRequest.CheckSeriesSpan(firstMonth, end);
        }

        var months = !byMonth ? null : first is { } seriesStart ? Wib.MonthsBetween(seriesStart, end.AddTicks(-1)) : [];
        var report = ReportSummaryBuilder.Build(
            everything ? "all" : "own", new ReportFilters(start, end, regionCode, sectorCode, groupBy), now, cube, durations, months);
        return MediaTypeChoice.Preferred(http.Request, "application/json", ReportCsv.MediaType) == ReportCsv.MediaType
            ? TypedResults.Text(ReportCsv.Write(report), ReportCsv.MediaType, Encoding.UTF8)
            : TypedResults.Ok(report);
    }

    private static DateTimeOffset? FirstMonth(IReadOnlyList<CubeRow> cube) =>
        cube.Count == 0
            ? null
            : new DateTimeOffset(DateTime.ParseExact(cube.Min(r => r.Month)!, "yyyy-MM", CultureInfo.InvariantCulture), Wib.Offset);
}
