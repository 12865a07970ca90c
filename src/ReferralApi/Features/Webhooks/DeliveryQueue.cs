using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The worker's side of the outbox. A claim reserves due rows for this worker until
/// <c>locked_until</c> under a fresh <c>lease_id</c>; outcomes are written only while that lease
/// is still the row's, so a worker that was too slow (and whose rows were claimed again) cannot
/// overwrite a newer attempt. Engines differ only in how a claim skips rows another worker holds.
/// </summary>
internal sealed class DeliveryQueue(UnitOfWork db)
{
    private const string Due = """
        d.status = 'pending' AND d.next_attempt_at <= @Now
          AND (d.locked_until IS NULL OR d.locked_until < @Now)
          AND s.status <> 'disabled'
        """;

    // The same conditions in nvarchar literals: SQL Server matches a query to the filtered index
    // ix_webhook_deliveries_due (WHERE status = N'pending') only when the literal is nvarchar too.
    private const string DueSqlServer = """
        d.status = N'pending' AND d.next_attempt_at <= @Now
          AND (d.locked_until IS NULL OR d.locked_until < @Now)
          AND s.status <> N'disabled'
        """;

    /// <summary>Several instances may share the database: rows another transaction is claiming are skipped, not waited for.</summary>
    public static readonly string PostgresClaim = $"""
        WITH due AS MATERIALIZED (
            SELECT d.seq FROM webhook_deliveries d
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE {Due}
            ORDER BY d.next_attempt_at
            LIMIT @Batch
            FOR UPDATE OF d SKIP LOCKED)
        UPDATE webhook_deliveries w SET locked_until = @LockedUntil, lease_id = @LeaseId
        FROM due WHERE w.seq = due.seq
        """;

    /// <summary>UPDLOCK holds the chosen rows until the update, READPAST skips rows other claims hold.</summary>
    public static readonly string SqlServerClaim = $"""
        WITH due AS (
            SELECT TOP (@Batch) d.locked_until, d.lease_id
            FROM webhook_deliveries d WITH (UPDLOCK, READPAST, ROWLOCK)
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE {DueSqlServer}
            ORDER BY d.next_attempt_at)
        UPDATE due SET locked_until = @LockedUntil, lease_id = @LeaseId
        """;

    /// <summary>SQLite has one writer at a time, so a single UPDATE is already exclusive.</summary>
    public static readonly string SqliteClaim = $"""
        UPDATE webhook_deliveries SET locked_until = @LockedUntil, lease_id = @LeaseId
        WHERE seq IN (
            SELECT d.seq FROM webhook_deliveries d
            JOIN webhook_subscriptions s ON s.id = d.subscription_id
            WHERE {Due}
            ORDER BY d.next_attempt_at
            LIMIT @Batch)
        """;

    /// <summary>What a claimed row needs for sending: the subscription's URL and secrets, and the event it announces (none for a ping).</summary>
    public const string SelectClaimed = """
        SELECT d.seq AS Seq, d.subscription_id AS SubscriptionId, d.event_id AS EventId, d.event_type AS EventType,
               d.attempts AS Attempts, d.created_at AS CreatedAt, d.lease_id AS LeaseId,
               s.url AS Url, s.status AS SubscriptionStatus, s.secret AS Secret, s.previous_secret AS PreviousSecret, s.previous_secret_expires_at AS PreviousSecretExpiresAt,
               e.occurred_at AS OccurredAt, e.referral_id AS ReferralId, e.case_id AS CaseId, e.status AS ReferralStatus,
               e.version AS Version, e.actor_agency_id AS ActorAgencyId, e.attachment_id AS AttachmentId, e.attachment_kind AS AttachmentKind
        FROM webhook_deliveries d
        JOIN webhook_subscriptions s ON s.id = d.subscription_id
        LEFT JOIN events e ON e.agency_id = d.agency_id AND e.event_id = d.event_id
        WHERE d.lease_id = @LeaseId
        """;

    /// <summary>Reserves up to <paramref name="batch"/> due deliveries for <paramref name="lease"/> under a fresh lease and reads them.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batch, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var sql = db.Dialect.Provider switch
        {
            DatabaseProvider.Postgres => PostgresClaim,
            DatabaseProvider.SqlServer => SqlServerClaim,
            _ => SqliteClaim,
        };
        var leaseId = Guid.NewGuid();

        // One statement, committed on its own: the rows are reserved before any of them is read.
        var claimed = await db.ExecuteAsync(sql, new { Batch = batch, Now = now, LockedUntil = now + lease, LeaseId = leaseId }, ct);
        if (claimed == 0)
        {
            return [];
        }

        return await db.QueryAsync<ClaimedDelivery>(SelectClaimed, new { LeaseId = leaseId }, ct);
    }
}
