using ReferralApi.Domain;

namespace ReferralApi.Features.Reports;

/// <summary>Turns the grouped figures into the published report, suppressing small cells on the way.</summary>
internal static class ReportSummaryBuilder
{
    public const string UnknownRegion = "unknown";

    public static ReportSummaryResponse Build(
        string scope, ReportFilters filters, DateTimeOffset now, IReadOnlyList<CubeRow> cube, DurationTally durations, IReadOnlyList<string>? months)
    {
        var total = cube.Sum(r => r.Referrals);
        var hideTotal = false;
        IReadOnlyList<ReportCodeCount> Partition(IReadOnlyList<string> codes, Func<CubeRow, string> codeOf)
        {
            var cells = codes.Select(code => cube.Where(r => codeOf(r) == code).Sum(r => r.Referrals)).ToList();
            var suppression = SmallCells.ForPartition(cells, total);
            hideTotal |= suppression.HideTotal;
            return [.. codes.Select((code, i) => new ReportCodeCount(code, suppression.Hidden[i] ? null : (int)cells[i], suppression.Hidden[i]))];
        }

        var regions = cube.Select(RegionOf).Distinct().Order(StringComparer.Ordinal).ToList();
        var byStatus = Partition(Codes.All<ReferralStatus>(), r => r.Status);
        var byUrgency = Partition(Codes.All<Urgency>(), r => r.Urgency);
        var byRegion = Partition(regions, RegionOf);
        var bySenderSector = Partition(Codes.All<Sector>(), r => r.SenderSector);
        var byRecipientSector = Partition(Codes.All<Sector>(), r => r.RecipientSector);

        var awaitingLate = cube.Sum(r => r.AwaitingLate);
        var answeredLate = durations.AnsweredLate;
        var series = months is null ? null : Series(months, cube, total, awaitingLate);
        return new ReportSummaryResponse(
            scope,
            filters,
            now,
            SmallCells.Threshold,
            new ReportCount(SmallCells.IsSmall(total) || hideTotal ? null : (int)total, SmallCells.IsSmall(total) || hideTotal),
            byStatus,
            byUrgency,
            Listed(Codes.All<ViolenceType>(), i => cube.Sum(r => r.ViolenceTypes[i])),
            Listed(Codes.All<Service>(), i => cube.Sum(r => r.Services[i])),
            byRegion,
            bySenderSector,
            byRecipientSector,
            new ReportOverdue(Count(awaitingLate), Count(answeredLate)),
            Durations(durations.HoursToReceive),
            Durations(durations.HoursToAnswer),
            series);
    }

    /// <summary>Every month of the period, empty ones included; each column adds up to its overall figure.</summary>
    private static List<ReportMonth> Series(IReadOnlyList<string> months, IReadOnlyList<CubeRow> cube, long total, long awaitingLate)
    {
        var referrals = months.Select(m => cube.Where(r => r.Month == m).Sum(r => r.Referrals)).ToList();
        var overdue = months.Select(m => cube.Where(r => r.Month == m).Sum(r => r.AwaitingLate)).ToList();
        var hiddenReferrals = SmallCells.ForPartition(referrals, total).Hidden;
        var hiddenOverdue = SmallCells.ForPartition(overdue, awaitingLate).Hidden;
        return [.. months.Select((month, i) => new ReportMonth(
            month,
            new ReportCount(hiddenReferrals[i] ? null : (int)referrals[i], hiddenReferrals[i]),
            new ReportCount(hiddenOverdue[i] ? null : (int)overdue[i], hiddenOverdue[i])))];
    }

    /// <summary>A code list a referral may name several of: its cells do not add up to anything, so only small ones are hidden.</summary>
    private static List<ReportCodeCount> Listed(IReadOnlyList<string> codes, Func<int, long> countOf) =>
        [.. codes.Select((code, i) =>
        {
            var count = countOf(i);
            return new ReportCodeCount(code, SmallCells.IsSmall(count) ? null : (int)count, SmallCells.IsSmall(count));
        })];

    private static ReportCount Count(long count) => new(SmallCells.IsSmall(count) ? null : (int)count, SmallCells.IsSmall(count));

    /// <summary>Median and 90th percentile; withheld below 5 referrals, where they would describe individuals.</summary>
    private static ReportDurations Durations(IReadOnlyList<double> hours)
    {
        var sorted = hours.Order().ToArray();
        if (sorted.Length >= SmallCells.Threshold)
        {
            return new ReportDurations(new ReportCount(sorted.Length, false), Round(Percentiles.Of(sorted, 0.5)), Round(Percentiles.Of(sorted, 0.9)), false);
        }

        return sorted.Length == 0
            ? new ReportDurations(new ReportCount(0, false), null, null, false)
            : new ReportDurations(new ReportCount(null, true), null, null, true);
    }

    private static string RegionOf(CubeRow row) => row.Region ?? UnknownRegion;

    private static double Round(double hours) => Math.Round(hours, 1, MidpointRounding.AwayFromZero);
}
