using System.Globalization;
using System.Text;

namespace ReferralApi.Features.Reports;

/// <summary>
/// The same figures as the JSON report, one per line, for spreadsheets: <c>figure,key,value,suppressed</c>.
/// A suppressed figure has an empty value and <c>true</c>.
/// </summary>
internal static class ReportCsv
{
    public const string MediaType = "text/csv";

    public static string Write(ReportSummaryResponse report)
    {
        var csv = new StringBuilder("figure,key,value,suppressed\r\n");
        void Line(string figure, string key, string? value, bool? suppressed) => AppendLine(csv, figure, key, value, suppressed);
        void Count(string figure, string key, ReportCount count) =>
            Line(figure, key, count.Count?.ToString(CultureInfo.InvariantCulture), count.Suppressed);
        void Codes(string figure, IEnumerable<ReportCodeCount> cells)
        {
            foreach (var cell in cells)
            {
                Line(figure, cell.Code, cell.Count?.ToString(CultureInfo.InvariantCulture), cell.Suppressed);
            }
        }

        void Durations(string figure, ReportDurations durations)
        {
            Count(figure, "referrals", durations.Referrals);
            Line(figure, "median", durations.MedianHours?.ToString(CultureInfo.InvariantCulture), durations.Suppressed);
            Line(figure, "p90", durations.P90Hours?.ToString(CultureInfo.InvariantCulture), durations.Suppressed);
        }

        var filters = report.Filters;
        Line("report", "scope", report.Scope, null);
        Line("report", "from", filters.From?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), null);
        Line("report", "to", filters.To.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), null);
        Line("report", "regionCode", filters.RegionCode, null);
        Line("report", "sector", filters.Sector is { } sector ? Domain.Codes.Of(sector) : null, null);
        Line("report", "generatedAt", report.GeneratedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), null);
        Count("total", string.Empty, report.Total);
        Codes("status", report.ByStatus);
        Codes("urgency", report.ByUrgency);
        Codes("violence_type", report.ByViolenceType);
        Codes("service", report.ByService);
        Codes("region", report.ByRegion);
        Codes("sender_sector", report.BySenderSector);
        Codes("recipient_sector", report.ByRecipientSector);
        Count("overdue", "awaiting_answer", report.Overdue.AwaitingAnswer);
        Count("overdue", "answered_late", report.Overdue.AnsweredLate);
        Durations("hours_to_receive", report.HoursToReceive);
        Durations("hours_to_answer", report.HoursToAnswer);
        foreach (var month in report.Months ?? [])
        {
            Count("month_referrals", month.Month, month.Referrals);
            Count("month_overdue", month.Month, month.Overdue);
        }

        return csv.ToString();
    }

    // RFC 4180: quote a field holding a comma, quote or line break, doubling its quotes.
    /// <summary>One <c>name,key,value,suppressed</c> line, RFC 4180-quoted where needed, CRLF-terminated.</summary>
    internal static void AppendLine(StringBuilder csv, string name, string key, string? value, bool? suppressed) =>
        csv.Append(Field(name)).Append(',').Append(Field(key)).Append(',').Append(Field(value ?? string.Empty)).Append(',')
           .Append(suppressed switch { true => "true", false => "false", null => string.Empty }).Append("\r\n");

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
