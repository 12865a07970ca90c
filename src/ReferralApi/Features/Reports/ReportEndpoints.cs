using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Reports;

/// <summary><c>GET /v1/reports/summary</c>: aggregate, non-identifying figures for oversight bodies and for each agency's own referrals.</summary>
internal static class ReportEndpoints
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/reports/summary", Summary).WithTags("Reports").WithName("GetReportSummary")
            .RequireAuthorization(Policies.Reports)
            .WithSummary("Counts and response times over referrals, with small cells suppressed; Accept: text/csv for a spreadsheet.")
            .WithDescription("A key with role oversight sees every referral; an agency key its own, sent and received. Referrals are "
                + "counted by when they were sent, in whole days of WIB (UTC+7): a date stands for a whole day, from inclusive and to "
                + "inclusive; an instant is widened to the whole days it touches; to defaults to the end of today. Months are WIB "
                + "months. regionCode (province or regency/city, not finer) "
                + "matches where the incident happened (else where the subject lives) and everything inside it; sector matches the "
                + "sending or the receiving agency. Any count from 1 to 4 is null with suppressed: true. Where cells add up to a "
                + "total (status, urgency, region, sectors, months) and a suppressed one could be worked out by subtraction, the "
                + "next smallest cells are suppressed too, until at least two are hidden that together hold 5 or more. Violence "
                + "types and services count each referral that names them, so they need no such step. Medians and 90th percentiles "
                + "are withheld below 5 referrals.")
            .ProducesCsv()
            .ProducesProblems(400, 403);
        return app;
    }

    private static async Task<Results<Ok<ReportSummaryResponse>, ContentHttpResult>> Summary(
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
