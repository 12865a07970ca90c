using ReferralApi.Features.Webhooks;

namespace ReferralApi.UnitTests.Webhooks;

/// <summary>The worker's group commit: outcomes that gather during a write go out together, and one bad row costs no other its outcome.</summary>
public sealed class DeliveryOutcomeBatcherTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task OutcomesArrivingDuringAWrite_AreWrittenTogetherInTheNextBatch()
    {
        var writes = new List<int>();
        var firstWrite = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var batcher = new DeliveryOutcomeBatcher(async batch =>
        {
            lock (writes)
            {
                writes.Add(batch.Count);
            }

            if (writes.Count == 1)
            {
                firstWrite.SetResult();
                await releaseFirst.Task;
            }
        });
        var running = batcher.RunAsync();

        var lone = batcher.RecordAsync(Delivery(1), Delivered, DateTimeOffset.UtcNow);
        await firstWrite.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var gathered = Enumerable.Range(2, 5).Select(seq => batcher.RecordAsync(Delivery(seq), Delivered, DateTimeOffset.UtcNow)).ToList();
        releaseFirst.SetResult();
        await Task.WhenAll([lone, .. gathered]).WaitAsync(Patience, TestContext.Current.CancellationToken);
        batcher.Complete();
        await running.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([1, 5], writes);
    }

    [Fact]
    public async Task FailedBatch_IsWrittenRowByRow_AndOnlyTheBadRowFails()
    {
        var gate = new TaskCompletionSource();
        var batcher = new DeliveryOutcomeBatcher(async batch =>
        {
            await gate.Task;
            if (batch.Any(r => r.Delivery.Seq == 3))
            {
                throw new InvalidOperationException("row 3 cannot be written");
            }
        });
        var running = batcher.RunAsync();

        var tasks = Enumerable.Range(1, 5).Select(seq => batcher.RecordAsync(Delivery(seq), Delivered, DateTimeOffset.UtcNow)).ToList();
        gate.SetResult();
        await Task.WhenAll(tasks).ContinueWith(_ => { }, TestContext.Current.CancellationToken, TaskContinuationOptions.None, TaskScheduler.Default).WaitAsync(Patience, TestContext.Current.CancellationToken);
        batcher.Complete();
        await running.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 4, 5], tasks.Select((t, i) => (t, Seq: i + 1)).Where(x => x.t.IsCompletedSuccessfully).Select(x => x.Seq));
        await Assert.ThrowsAsync<InvalidOperationException>(() => tasks[2]);
    }

    [Fact]
    public async Task AfterComplete_QueuedOutcomesAreStillWritten_AndNewOnesAreRefused()
    {
        var written = 0;
        var batcher = new DeliveryOutcomeBatcher(batch =>
        {
            Interlocked.Add(ref written, batch.Count);
            return Task.CompletedTask;
        });

        var queued = batcher.RecordAsync(Delivery(1), Delivered, DateTimeOffset.UtcNow);
        batcher.Complete();
        await batcher.RunAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);

        await queued;
        Assert.Equal(1, written);
        await Assert.ThrowsAsync<InvalidOperationException>(() => batcher.RecordAsync(Delivery(2), Delivered, DateTimeOffset.UtcNow));
    }

    private static DeliveryOutcome Delivered => new(DeliveryResult.Delivered, 204, null, null);

    private static ClaimedDelivery Delivery(long seq) => new() { Seq = seq, SubscriptionId = Guid.NewGuid(), EventId = Guid.NewGuid(), LeaseId = Guid.NewGuid() };
}
