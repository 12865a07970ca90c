using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Reports;

/// <summary><c>GET /v1/reports/summary</c>: aggregate, non-identifying figures for oversight bodies and for each agency's own referrals.</summary>
internal static class ReportEndpoints
{
    public static WebApplicationBuilder AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReportReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/reports/summary", ReadReportSummary.Handle).WithTags("Reports").WithName("GetReportSummary")
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
}
