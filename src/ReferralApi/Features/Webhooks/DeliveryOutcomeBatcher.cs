using System.Threading.Channels;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Group commit for delivery outcomes: each finished delivery hands its outcome over and waits;
/// one loop writes whatever has gathered in a single transaction, so the database sees one
/// commit per batch instead of one per delivery. An idle loop writes a lone outcome at once,
/// so nothing waits longer than one commit. Fewer commits mean fewer disk flushes and, on SQLite
/// where writers take turns, far fewer collisions between the worker's own writers: with one
/// transaction per delivery those collisions were most of a delivery's cost there.
/// </summary>
/// <param name="write">Writes one batch in one transaction (<see cref="DeliveryOutcomeStore.RecordAsync"/>).</param>
internal sealed class DeliveryOutcomeBatcher(Func<IReadOnlyList<RecordedOutcome>, Task> write)
{
    private const int MaxBatch = 256;

    private readonly Channel<RecordedOutcome> queue = Channel.CreateUnbounded<RecordedOutcome>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the outcome is committed; faults when it could not be written.</summary>
    public Task RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome, DateTimeOffset now)
    {
        var recorded = new RecordedOutcome(delivery, outcome, now);
        if (!queue.Writer.TryWrite(recorded))
        {
            recorded.Fail(new InvalidOperationException("The outcome writer has stopped."));
        }

        return recorded.Committed;
    }

    /// <summary>No more outcomes will come: <see cref="RunAsync"/> writes what is queued and returns.</summary>
    public void Complete() => queue.Writer.TryComplete();

    /// <summary>
    /// Writes batches until <see cref="Complete"/>. Not cancellable: outcomes of deliveries that
    /// were sent must be written even while the instance stops.
    /// </summary>
    public async Task RunAsync()
    {
        var batch = new List<RecordedOutcome>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            await WriteAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteAsync(List<RecordedOutcome> batch)
    {
        try
        {
            await write(batch);
            batch.ForEach(r => r.Succeed());
            return;
        }
        catch (Exception e) when (batch.Count == 1)
        {
            batch[0].Fail(e);
            return;
        }
#pragma warning disable CA1031 // One bad row must not cost the others their outcomes: they are written one by one below.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        foreach (var recorded in batch)
        {
#pragma warning disable CA1031 // The failure goes to the delivery's own task, which logs it.
            try
            {
                await write([recorded]);
                recorded.Succeed();
            }
            catch (Exception e)
            {
                recorded.Fail(e);
            }
#pragma warning restore CA1031
        }
    }
}

/// <summary>An attempt's outcome on its way to the database, and the task its delivery waits on.</summary>
internal sealed class RecordedOutcome(ClaimedDelivery delivery, DeliveryOutcome outcome, DateTimeOffset now)
{
    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ClaimedDelivery Delivery => delivery;

    public DeliveryOutcome Outcome => outcome;

    public DateTimeOffset Now => now;

    public Task Committed => done.Task;

    public void Succeed() => done.TrySetResult();

    public void Fail(Exception e) => done.TrySetException(e);
}
