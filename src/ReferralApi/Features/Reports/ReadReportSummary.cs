using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
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
        return WantsCsv(http.Request)
            ? TypedResults.Text(ReportCsv.Write(report), ReportCsv.MediaType, Encoding.UTF8)
            : TypedResults.Ok(report);
    }

    private static DateTimeOffset? FirstMonth(IReadOnlyList<CubeRow> cube) =>
        cube.Count == 0
            ? null
            : new DateTimeOffset(DateTime.ParseExact(cube.Min(r => r.Month)!, "yyyy-MM", CultureInfo.InvariantCulture), Wib.Offset);

    /// <summary>CSV when the client ranks text/csv above JSON; JSON otherwise, including for no Accept at all.</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return false;
        }

        var preferred = ranges
            .Where(r => r.Quality is not 0)
            .OrderByDescending(r => r.Quality ?? 1)
            .FirstOrDefault(r => r.MediaType.Equals(ReportCsv.MediaType, StringComparison.OrdinalIgnoreCase)
                || r.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || r.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase));
        return preferred?.MediaType.Equals(ReportCsv.MediaType, StringComparison.OrdinalIgnoreCase) == true;
    }
}
