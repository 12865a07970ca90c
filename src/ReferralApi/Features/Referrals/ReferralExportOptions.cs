namespace ReferralApi.Features.Referrals;

/// <summary>Settings of the export (section <c>Referrals:Export</c>).</summary>
internal sealed class ReferralExportOptions
{
    public const string SectionName = "Referrals:Export";

    /// <summary>
    /// How far behind now an export ends. A change is stamped when its transaction starts and seen
    /// when it commits; an export that ended at "now" could miss a change stamped just before and
    /// committed just after it started, and the next export, resuming after that instant, would miss
    /// it too. Changes younger than this wait for the next export instead.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows read, recorded in the access log (one group commit) and then written, at a time.</summary>
    public int RowsPerBatch { get; set; } = 500;
}
