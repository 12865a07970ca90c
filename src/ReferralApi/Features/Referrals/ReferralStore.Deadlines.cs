using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Referrals still awaiting an answer after <c>respond_by</c>, each announced once. The claim is a
/// conditional update in the transaction that appends the event: when several instances race for one
/// referral, the database lets exactly one update succeed, and only that one writes the event.
/// </summary>
internal sealed partial class ReferralStore
{
    // The status and deadline conditions match the filtered index ix_referrals_awaiting_answer.
    internal static string SelectOverdue(SqlDialect dialect) => $"""
        SELECT id FROM referrals
        WHERE overdue_notified_at IS NULL AND status IN ({dialect.Text("sent")}, {dialect.Text("received")}) AND respond_by < @Now
        ORDER BY respond_by, id
        {dialect.Limit("@Batch")}
        """;

    // Re-checks the status: a referral answered since the scan is no longer overdue.
    public const string ClaimOverdue = """
        UPDATE referrals SET overdue_notified_at = @Now
        WHERE id = @Id AND overdue_notified_at IS NULL AND status IN ('sent', 'received') AND respond_by < @Now
        """;

    public const string SelectClaimedOverdue = """
        SELECT id AS ReferralId, case_id AS CaseId, from_agency_id AS FromAgencyId, to_agency_id AS ToAgencyId,
               status AS Status, version AS Version
        FROM referrals WHERE id = @Id
        """;

    /// <summary>Up to <paramref name="batch"/> overdue referrals not announced yet, the longest overdue first.</summary>
    public Task<IReadOnlyList<Guid>> OverdueAsync(DateTimeOffset now, int batch, CancellationToken ct) =>
        db.QueryAsync<Guid>(db.Dialect.Built(SelectOverdue), new { Now = now, Batch = batch }, ct);

    /// <summary>
    /// True when this call claimed the announcement; called inside the transaction that appends the
    /// event. False when another instance claimed it first or the referral was answered since the scan.
    /// </summary>
    public async Task<bool> TryClaimOverdueAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(ClaimOverdue, new { Id = id, Now = now }, ct) == 1;

    /// <summary>
    /// Read after the claim: the row is locked now, so status and version are the ones the event reports.
    /// </summary>
    public Task<ClaimedOverdueReferral> ClaimedOverdueAsync(Guid id, CancellationToken ct) =>
        db.QuerySingleAsync<ClaimedOverdueReferral>(SelectClaimedOverdue, new { Id = id }, ct);
}

/// <summary>The referral as the overdue event reports it; the actor is the receiver whose answer is overdue.</summary>
internal sealed record ClaimedOverdueReferral
{
    public Guid ReferralId { get; init; }

    public Guid CaseId { get; init; }

    public Guid FromAgencyId { get; init; }

    public Guid ToAgencyId { get; init; }

    public string Status { get; init; } = string.Empty;

    public int Version { get; init; }
}
