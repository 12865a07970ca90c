using ReferralApi.Features.Reports;

namespace ReferralApi.UnitTests.Reports;

/// <summary>
/// Suppression must leave nothing to subtract: whatever is hidden in a dimension that adds up to a
/// published total is at least two cells holding at least 5 referrals together.
/// </summary>
public sealed class SmallCellsTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(120, false)]
    public void IsSmall_CoversOneToFour(long count, bool small)
    {
        Assert.Equal(small, SmallCells.IsSmall(count));
    }

    [Theory]
    [InlineData(new long[] { 6, 5, 1 }, new[] { false, true, true })]         // one small cell: the next smallest goes too
    [InlineData(new long[] { 1, 2, 9, 10 }, new[] { true, true, true, false })] // two small cells summing to 3: one more
    [InlineData(new long[] { 3, 4, 10 }, new[] { true, true, false })]        // two small cells holding 7: enough
    [InlineData(new long[] { 0, 1, 7, 8 }, new[] { false, true, true, false })] // zero is never the complement
    [InlineData(new long[] { 5, 0, 9 }, new[] { false, false, false })]       // nothing small, nothing hidden
    [InlineData(new long[] { 1, 1, 1, 1, 1, 6 }, new[] { true, true, true, true, true, false })]
    public void ForPartition_HidesSmallCells_AndWhatWouldGiveThemBack(long[] cells, bool[] hidden)
    {
        var result = SmallCells.ForPartition(cells, cells.Sum());

        Assert.Equal(hidden, result.Hidden);
        Assert.False(result.HideTotal);
    }

    [Fact]
    public void ForPartition_OfASmallTotal_HidesEveryNonZeroCell()
    {
        var result = SmallCells.ForPartition([1, 2, 0], 3);

        Assert.Equal([true, true, false], result.Hidden);
        Assert.False(result.HideTotal);
    }

    [Fact]
    public void ForPartition_WhenCellsDoNotAddUp_HidesTheTotalRatherThanPublishingTheRest()
    {
        var result = SmallCells.ForPartition([2], 10);

        Assert.True(result.HideTotal);
    }

    [Fact]
    public void ForPartition_NeverLeavesARecoverableCell_OverManyRandomDimensions()
    {
        var random = new Random(20261128);
        for (var round = 0; round < 5000; round++)
        {
            var cells = Enumerable.Range(0, random.Next(1, 9)).Select(_ => (long)(random.Next(3) == 0 ? 0 : random.Next(1, 12))).ToArray();
            var total = cells.Sum();

            var hidden = SmallCells.ForPartition(cells, total).Hidden;

            // What a reader can compute: the total minus every published cell.
            var published = cells.Where((_, i) => !hidden[i]).ToArray();
            var remainder = total - published.Sum();
            Assert.DoesNotContain(published, SmallCells.IsSmall);
            if (!SmallCells.IsSmall(total) && hidden.Any(h => h))
            {
                Assert.True(hidden.Count(h => h) >= 2, $"A lone hidden cell equals the remainder: [{string.Join(", ", cells)}]");
                Assert.True(remainder >= SmallCells.Threshold, $"The hidden cells hold only {remainder}: [{string.Join(", ", cells)}]");
            }
        }
    }
}
