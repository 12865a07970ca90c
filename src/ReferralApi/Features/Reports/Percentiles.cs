namespace ReferralApi.Features.Reports;

/// <summary>
/// Percentiles by linear interpolation between the closest ranks (Hyndman and Fan type 7, as
/// PostgreSQL's percentile_cont and spreadsheets' PERCENTILE.INC), computed here because SQLite has
/// none and SQL Server's is a window function.
/// </summary>
internal static class Percentiles
{
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var rank = (sorted.Count - 1) * fraction;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}
