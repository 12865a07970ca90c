namespace ReferralApi.Features.Referrals;

/// <summary>Settings of the batch import (section <c>Referrals:Batch</c>).</summary>
internal sealed class ReferralBatchOptions
{
    public const string SectionName = "Referrals:Batch";

    /// <summary>
    /// How many items share one transaction: fewer commits make a batch faster, at the price of
    /// re-running the chunk item by item when one of its inserts collides with a concurrent send.
    /// 1 commits each item on its own (still on the request's one connection).
    /// </summary>
    public int ItemsPerTransaction { get; set; } = 50;
}
