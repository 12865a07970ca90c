using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Reports;

/// <summary><c>GET /v1/reports/summary</c> and <c>/simfoni</c>: aggregate, non-identifying figures for oversight bodies and for each agency's own referrals.</summary>
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
        app.MapGet("/v1/reports/simfoni", ReadSimfoniReport.Handle).WithTags("Reports").WithName("GetSimfoniReport")
            .RequireAuthorization(Policies.Reports)
            .WithSummary("One month in the categories of SIMFONI-PPA, counted in victims (one per case), with small cells suppressed; Accept: text/csv for a spreadsheet.")
            .WithDescription("year (2000 to next year) and month (1-12) name a calendar month in WIB. A key with role oversight counts every "
                + "case; an agency key the cases it is a party to (their referrals it sent or received). A case is one victim, counted in "
                + "the month its first referral (in scope) was sent; its later referrals in scope sent before the month ended add forms "
                + "of violence and services, never a second victim. Sex and age group (SIMFONI-PPA's 0-5, 6-12, 13-17, 18-24, 25-44, "
                + "45-59, 60+; from ageYears, or the birth date on the day of the first referral) come from the first referral, the place "
                + "from the first that names one; forms of violence, places and services through the simfoni mapping of GET /v1/vocabularies "
                + "(unmapped places count as Tidak diketahui, unmapped services are not reported). A service counts as given when a "
                + "referral requesting it is accepted, in progress, on hold or completed now. Counts from 1 to 4 are null with suppressed: "
                + "true; sex, age group and place add up to the victims, so the next smallest cells are suppressed too as in the summary "
                + "report. CSV: section,category,victims,suppressed.")
            .ProducesCsv()
            .ProducesProblems(400, 403);
        return app;
    }
}
