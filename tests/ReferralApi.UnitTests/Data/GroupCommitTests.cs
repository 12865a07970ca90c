using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// The group commit under the access log of reads: when the database cannot take a batch, every
/// waiting caller learns it (so its read answers 503), and the writer goes on with later batches.
/// </summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task WhileWritesFail_EveryWaitingCallerFails_AndTheWriterCarriesOnAfterwards(bool queuedWorkFirst)
    {
        var gate = new TaskCompletionSource();
        var failing = true;
        var attempts = new List<int[]>();
        var group = new GroupCommit<int>(async batch =>
        {
            await gate.Task;
            lock (attempts)
            {
                attempts.Add([.. batch]);
            }

            if (Volatile.Read(ref failing))
            {
                throw new InvalidOperationException("the table is gone");
            }
        }, queuedWorkFirst: queuedWorkFirst);
        var running = group.RunAsync();

        var during = Enumerable.Range(1, 4).Select(group.SubmitAsync).ToList();
        gate.SetResult();
        foreach (var task in during)
        {
            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => task.WaitAsync(Patience, TestContext.Current.CancellationToken));
            Assert.Equal("the table is gone", e.Message);
        }

        Volatile.Write(ref failing, false);
        await group.SubmitAsync(5).WaitAsync(Patience, TestContext.Current.CancellationToken);
        group.Complete();
        await running.WaitAsync(Patience, TestContext.Current.CancellationToken);

        // Each failed item was tried once more on its own, so one bad row could not have failed the others.
        Assert.All(Enumerable.Range(1, 4), item => Assert.Contains(attempts, a => a.SequenceEqual([item])));
        Assert.Equal([5], attempts[^1]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryAttemptedBatch_IsReportedWithItsSize(bool queuedWorkFirst)
    {
        var firstWrite = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var sizes = new List<int>();
        var group = new GroupCommit<int>(
            async batch =>
            {
                if (firstWrite.TrySetResult())
                {
                    await releaseFirst.Task;
                }
            },
            size => sizes.Add(size),
            queuedWorkFirst);
        var running = group.RunAsync();

        var lone = group.SubmitAsync(0);
        await firstWrite.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);
        var gathered = Enumerable.Range(1, 7).Select(group.SubmitAsync).ToList();
        releaseFirst.SetResult();
        await Task.WhenAll([lone, .. gathered]).WaitAsync(Patience, TestContext.Current.CancellationToken);
        group.Complete();
        await running.WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal([1, 7], sizes);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AfterComplete_NewItemsAreRefused(bool queuedWorkFirst)
    {
        var group = new GroupCommit<int>(_ => Task.CompletedTask, queuedWorkFirst: queuedWorkFirst);
        group.Complete();
        await group.RunAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => group.SubmitAsync(1));
    }
}
