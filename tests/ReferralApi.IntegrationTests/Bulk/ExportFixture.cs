using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Bulk;

/// <summary>
/// The export with no settle time, so what a test just wrote is exported at once, and small
/// batches, so a handful of referrals already spans several access-log commits and flushes.
/// </summary>
public sealed class ExportFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int RowsPerBatch = 2;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Referrals:Export:SettleTime"] = "00:00:00",
        ["Referrals:Export:RowsPerBatch"] = RowsPerBatch.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
