using System.Threading.Channels;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Group commit: each caller hands its item over and waits; one loop writes whatever has gathered
/// in a single call (one transaction), so the database sees one commit per batch instead of one
/// per item. An idle loop writes a lone item at once, so nothing waits longer than one commit.
/// Fewer commits mean fewer disk flushes, fewer pooled-connection checkouts and, on SQLite where
/// writers take turns, far fewer collisions between writers.
/// </summary>
/// <param name="write">Writes one batch in one transaction; throws when the batch is not durable.</param>
/// <param name="written">Told the size of every batch that was attempted, for the metrics.</param>
/// <param name="queuedWorkFirst">
/// Whether the loop, woken by an item, first moves to the back of the thread pool's queue, so the
/// work queued ahead of it is picked up first. Under load that is mostly requests about to hand
/// their items over, and those that have done so by the time the loop reads share this batch's
/// commit instead of each waiting for a commit of their own; the price is that each batch starts
/// behind the queue. When idle, nothing is queued and it costs one hop. Measured worth it where the
/// write keeps its thread busy (SQLite: <see cref="SqlDialect.GathersBeforeGroupCommit"/>).
/// </param>
internal sealed class GroupCommit<T>(Func<IReadOnlyList<T>, Task> write, Action<int>? written = null, bool queuedWorkFirst = false)
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the item is committed; faults when it could not be written.</summary>
    public Task SubmitAsync(T item)
    {
        var pending = new Pending(item);
        if (!queue.Writer.TryWrite(pending))
        {
            pending.Fail(new InvalidOperationException("The writer has stopped."));
        }

        return pending.Committed;
    }

    /// <summary>No more items will come: <see cref="RunAsync"/> writes what is queued and returns.</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>
    /// Writes batches until <see cref="Complete"/>. Not cancellable: items whose callers are
    /// waiting must be written (or failed) even while the instance stops.
    /// </summary>
    public async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            if (queuedWorkFirst)
            {
                await Task.Yield();
            }

            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            written?.Invoke(batch.Count);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await write([.. batch.Select(p => p.Item)]);
            batch.ForEach(p => p.Succeed());
            return;
        }
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Fail(e);
            return;
        }
#pragma warning disable CA1031 // One bad item must not cost the others their outcome: they are written one by one below.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        foreach (var pending in batch)
        {
#pragma warning disable CA1031 // The failure goes to the item's own caller.
            try
            {
                await write([pending.Item]);
                pending.Succeed();
            }
            catch (Exception e)
            {
                pending.Fail(e);
            }
#pragma warning restore CA1031
        }
    }

    /// <summary>An item on its way to the database, and the task its caller waits on.</summary>
    private sealed class Pending(T item)
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public T Item => item;

        public Task Committed => done.Task;

        public void Succeed() => done.TrySetResult();

        public void Fail(Exception e) => done.TrySetException(e);
    }
}
