namespace ReferralApi.Features.Reports;

/// <summary>
/// Small-cell suppression, so that no group of 1 to 4 referrals can be seen or worked out. Counts
/// from 1 to 4 are hidden (primary suppression). Where cells add up to a published total, hiding
/// one cell alone would not help (total minus the others gives it back), and hiding cells that
/// together hold fewer than 5 would publish their small sum; so the smallest non-zero published
/// cell is hidden as well, again and again, until at least two cells are hidden and together hold
/// at least 5 (complementary suppression). Zero is published: "none" identifies nobody.
/// </summary>
internal static class SmallCells
{
    public const int Threshold = 5;

    public static bool IsSmall(long count) => count is >= 1 and < Threshold;

    /// <summary>
    /// Which cells of a dimension that adds up to <paramref name="total"/> to hide. A total that is
    /// itself small is hidden by its own cell; every non-zero part of it is then small and hidden too.
    /// </summary>
    public static PartitionSuppression ForPartition(IReadOnlyList<long> cells, long total)
    {
        var hidden = cells.Select(IsSmall).ToArray();
        while (true)
        {
            var hiddenCount = hidden.Count(h => h);
            var hiddenSum = cells.Where((_, i) => hidden[i]).Sum();
            if (hiddenCount == 0 || IsSmall(total) || (hiddenCount >= 2 && hiddenSum >= Threshold))
            {
                return new PartitionSuppression(hidden, HideTotal: false);
            }

            var next = Enumerable.Range(0, cells.Count)
                .Where(i => !hidden[i] && cells[i] > 0)
                .OrderBy(i => cells[i])
                .ThenBy(i => i)
                .DefaultIfEmpty(-1)
                .First();
            if (next < 0)
            {
                // Only when the cells do not add up to the total: then the total must go instead.
                return new PartitionSuppression(hidden, HideTotal: true);
            }

            hidden[next] = true;
        }
    }
}

/// <summary>The cells to hide, and whether the total has to be hidden with them.</summary>
internal sealed record PartitionSuppression(bool[] Hidden, bool HideTotal);
