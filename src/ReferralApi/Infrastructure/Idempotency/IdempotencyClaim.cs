using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Idempotency;

/// <summary>
/// A request's hold on its <c>Idempotency-Key</c>, for the length of the request. Either the request
/// repeats a finished one (<see cref="Replay"/> is set: answer from it, run nothing) or it owns the
/// key: its transaction then calls <see cref="CompleteAsync"/> with the change it made. Disposed
/// without a committed completion, the claim frees the key so the client may retry with it.
/// A request without a key gets a claim that does nothing.
/// </summary>
internal sealed class IdempotencyClaim : IAsyncDisposable
{
    private readonly ClaimedKey? key;
    private readonly IdempotencyStore? store;
    private readonly UnitOfWork? unit;
    private readonly IdempotencyCompletion? completion;
    private bool completed;

    private IdempotencyClaim(ClaimedKey? key, IdempotencyStore? store, UnitOfWork? unit, IdempotencyCompletion? completion, IdempotentOutcome? replay)
    {
        this.key = key;
        this.store = store;
        this.unit = unit;
        this.completion = completion;
        Replay = replay;
    }

    /// <summary>The first request's outcome when this one repeats it; null when this request runs.</summary>
    public IdempotentOutcome? Replay { get; }

    /// <summary>True when this request claimed a key of its own and must complete it.</summary>
    public bool OwnsKey => key is not null;

    public static IdempotencyClaim None { get; } = new(null, null, null, null, null);

    public static IdempotencyClaim Owned(ClaimedKey key, IdempotencyStore store, UnitOfWork unit, IdempotencyCompletion completion) =>
        new(key, store, unit, completion, null);

    public static IdempotencyClaim Replaying(IdempotentOutcome outcome) => new(null, null, null, null, outcome);

    /// <summary>
    /// Marks the key completed inside the effect's transaction, so both commit or neither. A request
    /// that stalled past <c>AbandonedAfter</c> may have lost its key to a retry; its effect must then
    /// roll back (this throws), or the key would end up with two effects.
    /// </summary>
    public async Task CompleteAsync(IdempotentOutcome outcome, CancellationToken ct)
    {
        if (key is null || store is null || unit is null)
        {
            return;
        }

        if (!await store.CompleteAsync(key, outcome, ct))
        {
            throw IdempotencyKeys.InUse();
        }

        if (completion is not null)
        {
            await completion.RunAsync(outcome, ct);
        }

        unit.AfterCommit(() => completed = true);
    }

    public async ValueTask DisposeAsync()
    {
        if (key is null || store is null || completed)
        {
            return;
        }

        try
        {
            await store.ReleaseAsync(key, CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or Data.CommitOutcomeUnknownException)
        {
            // The request's own outcome (its problem, or its answer) must not be replaced by this:
            // a claim left pending is taken over once it is older than AbandonedAfter.
            store.ReleaseFailed(e);
        }
    }
}

/// <summary>
/// A key as this request claimed it. <see cref="CreatedAt"/> tells this claim apart from a later
/// one that took the key over.
/// </summary>
internal sealed record ClaimedKey(Guid Scope, string Key, string RequestHash, DateTimeOffset CreatedAt);

/// <summary>What a finished request produced: its status code and the resource it created or changed.</summary>
internal sealed record IdempotentOutcome(int Status, Guid ResourceId);
