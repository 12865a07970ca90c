using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Infrastructure.Idempotency;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// The hourly purge deletes expired keys a batch at a time (SQL Server would otherwise escalate to a
/// table lock and hold up every POST with a key), and goes on until none is left.
/// </summary>
public abstract class IdempotencyPurgeTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    // More than two batches of 1,000, so the purge must loop to finish.
    private const int Expired = 2_100;

    [Fact]
    public async Task Purge_DeletesEveryExpiredKey_BatchAfterBatch_AndKeepsLiveOnes()
    {
        // A store works on one unit of work (one connection), so each parallel writer has its own.
        await using var services = fx.Factory.Services.CreateAsyncScope();
        var store = services.ServiceProvider.GetRequiredService<IdempotencyStore>();
        var scope = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, Expired), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Http.Ct }, async (i, ct) =>
        {
            await using var writer = fx.Factory.Services.CreateAsyncScope();
            Assert.True(await writer.ServiceProvider.GetRequiredService<IdempotencyStore>().TryInsertPendingAsync(scope, $"expired-{i}", "hash", now.AddDays(-3), now.AddDays(-1), ct));
        });
        foreach (var key in new[] { "live-1", "live-2" })
        {
            Assert.True(await store.TryInsertPendingAsync(scope, key, "hash", now, now.AddDays(1), Http.Ct));
        }

        var purged = await store.PurgeExpiredAsync(now, Http.Ct);

        Assert.Equal(Expired, purged);
        Assert.Null(await store.FindAsync(scope, "expired-0", Http.Ct));
        Assert.Null(await store.FindAsync(scope, $"expired-{Expired - 1}", Http.Ct));
        Assert.NotNull(await store.FindAsync(scope, "live-1", Http.Ct));
        Assert.NotNull(await store.FindAsync(scope, "live-2", Http.Ct));
        Assert.Equal(0, await store.PurgeExpiredAsync(now, Http.Ct));
    }
}

public sealed class IdempotencyPurgeTests_Sqlite(ApiFixture<Sqlite> fx) : IdempotencyPurgeTests<Sqlite>(fx);

public sealed class IdempotencyPurgeTests_Postgres(ApiFixture<Postgres> fx) : IdempotencyPurgeTests<Postgres>(fx);

public sealed class IdempotencyPurgeTests_SqlServer(ApiFixture<SqlServer> fx) : IdempotencyPurgeTests<SqlServer>(fx);
