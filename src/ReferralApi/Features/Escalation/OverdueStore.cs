using Dapper;
using ReferralApi.Features.Events;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Escalation;

/// <summary>
/// Finds referrals still awaiting an answer after <c>respond_by</c> and announces each once. The
/// claim is a conditional update in the transaction that appends the event: when several instances
/// race for one referral, the database lets exactly one update succeed, and only that one writes
/// the event.
/// </summary>
internal sealed class OverdueStore(Db db)
{
    private readonly string selectDue = SelectDue(db.Dialect);

    // The status and deadline conditions match the filtered index ix_referrals_awaiting_answer.
    internal static string SelectDue(SqlDialect dialect) => $"""
        SELECT id FROM referrals
        WHERE overdue_notified_at IS NULL AND status IN ({dialect.Text("sent")}, {dialect.Text("received")}) AND respond_by < @Now
        ORDER BY respond_by, id
        {dialect.Limit("@Batch")}
        """;

    // Re-checks the status: a referral answered since the scan is no longer overdue.
    public const string Claim = """
        UPDATE referrals SET overdue_notified_at = @Now
        WHERE id = @Id AND overdue_notified_at IS NULL AND status IN ('sent', 'received') AND respond_by < @Now
        """;

    public const string SelectClaimed = """
        SELECT id AS ReferralId, case_id AS CaseId, from_agency_id AS FromAgencyId, to_agency_id AS ToAgencyId,
               status AS Status, version AS Version
        FROM referrals WHERE id = @Id
        """;

    /// <summary>Announces up to <paramref name="batch"/> overdue referrals; returns how many were due, announced here or not.</summary>
    public async Task<int> AnnounceDueAsync(DateTimeOffset now, int batch, CancellationToken ct)
    {
        var due = await db.ReadAsync(async (connection, token) =>
            (await connection.QueryAsync<Guid>(new CommandDefinition(selectDue, new { Now = now, Batch = batch }, cancellationToken: token))).AsList(), ct);
        foreach (var id in due)
        {
            await db.InTransactionAsync(async (connection, transaction, token) =>
            {
                var claimed = await connection.ExecuteAsync(new CommandDefinition(Claim, new { Id = id, Now = now }, transaction, cancellationToken: token)) == 1;
                if (claimed)
                {
                    // Read after the claim: the row is locked now, so status and version are the ones the event reports.
                    var referral = await connection.QuerySingleAsync<ClaimedReferral>(new CommandDefinition(SelectClaimed, new { Id = id }, transaction, cancellationToken: token));
                    await EventLog.AppendAsync(connection, transaction, new NewEvent(
                        EventTypes.Overdue, now, referral.ReferralId, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId,
                        referral.Status, referral.Version, ActorAgencyId: referral.ToAgencyId), token);
                }

                return claimed;
            }, ct);
        }

        return due.Count;
    }

    /// <summary>The referral as the overdue event reports it; the actor is the receiver whose answer is overdue.</summary>
    private sealed record ClaimedReferral
    {
        public Guid ReferralId { get; init; }

        public Guid CaseId { get; init; }

        public Guid FromAgencyId { get; init; }

        public Guid ToAgencyId { get; init; }

        public string Status { get; init; } = string.Empty;

        public int Version { get; init; }
    }
}
