using ReferralApi.Features.Reports;

namespace ReferralApi.UnitTests.Reports;

/// <summary>The same values PostgreSQL's percentile_cont and spreadsheets' PERCENTILE.INC give.</summary>
public sealed class PercentilesTests
{
    [Theory]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 0.5, 3.0)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, 0.9, 4.6)]
    [InlineData(new[] { 1.0, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new[] { 2.0, 4, 6, 8, 10 }, 0.9, 9.2)]
    [InlineData(new[] { 7.0 }, 0.9, 7.0)]
    [InlineData(new[] { 0.5, 0.5, 40 }, 0.5, 0.5)]
    public void Of_InterpolatesBetweenTheClosestRanks(double[] sorted, double fraction, double expected)
    {
        Assert.Equal(expected, Percentiles.Of(sorted, fraction), 9);
    }
}
