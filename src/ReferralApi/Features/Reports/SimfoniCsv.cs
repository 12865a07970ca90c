using System.Globalization;
using System.Text;

namespace ReferralApi.Features.Reports;

/// <summary>
/// The SIMFONI-PPA report for spreadsheets: <c>section,category,victims,suppressed</c>, one line per
/// cell of the JSON answer (sections <c>report</c>, <c>victims</c>, <c>violence_form</c>, <c>place</c>,
/// <c>age_group</c>, <c>sex</c>, <c>service</c>); a suppressed cell has an empty count and <c>true</c>.
/// </summary>
internal static class SimfoniCsv
{
    public static string Write(SimfoniReportResponse report)
    {
        var csv = new StringBuilder("section,category,victims,suppressed\r\n");
        void Line(string section, string category, string? value, bool? suppressed) => ReportCsv.AppendLine(csv, section, category, value, suppressed);
        void Cells(string section, IEnumerable<ReportCodeCount> cells)
        {
            foreach (var cell in cells)
            {
                Line(section, cell.Code, cell.Count?.ToString(CultureInfo.InvariantCulture), cell.Suppressed);
            }
        }

        Line("report", "scope", report.Scope, null);
        Line("report", "month", $"{report.Year:D4}-{report.Month:D2}", null);
        Line("report", "source", report.Source, null);
        Line("victims", string.Empty, report.Victims.Count?.ToString(CultureInfo.InvariantCulture), report.Victims.Suppressed);
        Cells("violence_form", report.ByViolenceForm);
        Cells("place", report.ByPlace);
        Cells("age_group", report.ByAgeGroup);
        Cells("sex", report.BySex);
        Cells("service", report.ByService);
        return csv.ToString();
    }
}
