using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Idempotency;

internal sealed partial class IdempotencyStore(UnitOfWork db, ILogger<IdempotencyStore> logger)
{
    private const string InsertPending = """
        INSERT INTO idempotency_keys (scope_id, idempotency_key, request_hash, state, response_status, resource_id, created_at, expires_at)
        VALUES (@Scope, @Key, @Hash, 'pending', NULL, NULL, @Now, @ExpiresAt)
        """;

    private const string Select = """
        SELECT request_hash AS RequestHash, state AS State, response_status AS ResponseStatus,
               resource_id AS ResourceId, created_at AS CreatedAt, expires_at AS ExpiresAt
        FROM idempotency_keys WHERE scope_id = @Scope AND idempotency_key = @Key
        """;

    private const string Complete = """
        UPDATE idempotency_keys SET state = 'completed', response_status = @Status, resource_id = @ResourceId
        WHERE scope_id = @Scope AND idempotency_key = @Key AND state = 'pending' AND created_at = @CreatedAt
        """;

    private const string DeleteOne = "DELETE FROM idempotency_keys WHERE scope_id = @Scope AND idempotency_key = @Key AND created_at = @CreatedAt AND state = @State";
    private const string DeletePending = "DELETE FROM idempotency_keys WHERE scope_id = @Scope AND idempotency_key = @Key AND state = 'pending' AND created_at = @CreatedAt";

    // The hourly purge deletes in batches: one DELETE of every expired key could take more than
    // SQL Server's ~5,000 row locks and escalate to a table lock, holding up every POST that
    // carries an Idempotency-Key until it ends. Each batch is its own short statement.
    internal static string DeleteExpired(SqlDialect dialect) =>
        dialect.DeleteBatch("idempotency_keys", "expires_at < @Now", "scope_id", "idempotency_key");

    private const int PurgeBatch = 1000;

    /// <summary>Inserts the pending claim, committed at once; false when a row for the key already exists.</summary>
    public async Task<bool> TryInsertPendingAsync(Guid scope, string key, string hash, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken ct)
    {
        try
        {
            await db.ExecuteAsync(InsertPending, new { Scope = scope, Key = key, Hash = hash, Now = now, ExpiresAt = expiresAt }, ct);
            return true;
        }
        catch (DbException ex) when (db.Dialect.IsUniqueViolation(ex))
        {
            return false;
        }
    }

    public Task<KeyRow?> FindAsync(Guid scope, string key, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<KeyRow>(Select, new { Scope = scope, Key = key }, ct);

    /// <summary>
    /// Marks this very claim completed inside the effect's own transaction, so both commit or neither;
    /// false when the claim is no longer there because another request took the key over.
    /// </summary>
    public async Task<bool> CompleteAsync(ClaimedKey claim, IdempotentOutcome outcome, CancellationToken ct) =>
        await db.ExecuteAsync(Complete, new { claim.Scope, claim.Key, claim.CreatedAt, outcome.Status, outcome.ResourceId }, ct) == 1;

    /// <summary>Frees the key, unless another request has taken it over since (that claim is not ours to remove).</summary>
    public Task ReleaseAsync(ClaimedKey claim, CancellationToken ct) =>
        db.ExecuteAsync(DeletePending, new { claim.Scope, claim.Key, claim.CreatedAt }, ct);

    /// <summary>Logs a release that failed; the claim stays pending until it is abandoned.</summary>
    public void ReleaseFailed(Exception e) => NotReleased(logger, e.GetType().FullName ?? "unknown");

    /// <summary>
    /// Removes one stale row, identified by its creation time so a fresh claim is never removed, and
    /// by the state it was judged in: an abandoned-looking claim that completes meanwhile is an
    /// answer to replay, and deleting it would let its effect run a second time.
    /// </summary>
    public Task RemoveStaleAsync(Guid scope, string key, DateTimeOffset createdAt, string state, CancellationToken ct) =>
        db.ExecuteAsync(DeleteOne, new { Scope = scope, Key = key, CreatedAt = createdAt, State = state }, ct);

    /// <summary>Deletes every key expired by <paramref name="now"/>, batch by batch; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sql = db.Dialect.Built(DeleteExpired);
        var total = 0;
        int deleted;
        do
        {
            deleted = await db.ExecuteAsync(sql, new { Now = now, Batch = PurgeBatch }, ct);
            total += deleted;
        }
        while (deleted == PurgeBatch);
        return total;
    }

    internal sealed record KeyRow
    {
        public string RequestHash { get; init; } = string.Empty;

        public string State { get; init; } = string.Empty;

        public int? ResponseStatus { get; init; }

        public Guid? ResourceId { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset ExpiresAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An idempotency claim could not be released ({ExceptionType}); it is taken over once abandoned")]
    private static partial void NotReleased(ILogger logger, string exceptionType);
}
