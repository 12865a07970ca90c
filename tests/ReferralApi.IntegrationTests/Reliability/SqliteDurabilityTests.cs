using Microsoft.Extensions.DependencyInjection;
using ReferralApi.Infrastructure.Data;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Reliability;

/// <summary>
/// A 2xx must survive a power cut. On SQLite that takes the write-ahead log with
/// <c>synchronous=FULL</c>, which syncs the log at every commit; <c>NORMAL</c> in WAL syncs only at
/// checkpoints, so a commit acknowledged just before a power cut could be lost. Read on the API's own
/// serving connections, since these settings are per connection (busy wait) or per build
/// (the default synchronous level).
/// </summary>
public sealed class SqliteDurabilityTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    [Fact]
    public async Task ServingConnections_UseTheWal_SyncEveryCommit_AndWaitOnABusyDatabase()
    {
        await using var scope = fx.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var ct = TestContext.Current.CancellationToken;

        var (journal, synchronous, busyTimeout) = await db.ReadAsync(async token => (
            await db.ExecuteScalarAsync<string>("PRAGMA journal_mode", null, token),
            await db.ExecuteScalarAsync<int>("PRAGMA synchronous", null, token),
            await db.ExecuteScalarAsync<int>("PRAGMA busy_timeout", null, token)), ct);

        Assert.Equal("wal", journal);
        Assert.Equal(2, synchronous); // FULL; NORMAL is 1
        Assert.Equal(5000, busyTimeout);
    }
}
