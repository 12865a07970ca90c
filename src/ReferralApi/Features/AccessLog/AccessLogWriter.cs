using System.Diagnostics.Metrics;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// Group commit for the access-log rows of reads: concurrent reads hand their rows over and wait,
/// and one loop writes whatever has gathered in one transaction on one connection, instead of a
/// connection and a commit per read. A read still answers only once its own rows are committed.
/// Changes do not come here: they write their rows inside their own transaction.
/// </summary>
internal sealed class AccessLogWriter : IHostedLifecycleService
{
    /// <summary>The histogram of reads per commit, on the <c>ReferralApi</c> meter.</summary>
    public const string BatchSizeInstrument = "referralapi.access_log.batch_size";

    private readonly IServiceScopeFactory scopes;
    private readonly GroupCommit<IReadOnlyList<AccessRow>> group;
    private Task running = Task.CompletedTask;

    public AccessLogWriter(IServiceScopeFactory scopes, IMeterFactory meters, SqlDialect dialect)
    {
        this.scopes = scopes;
        var batchSize = meters.Create(ReferralMetrics.MeterName).CreateHistogram<int>(
            BatchSizeInstrument, unit: "{request}", description: "Reads whose access-log rows were committed together in one transaction.");
        group = new GroupCommit<IReadOnlyList<AccessRow>>(WriteBatchAsync, size => batchSize.Record(size), dialect.GathersBeforeGroupCommit);
    }

    /// <summary>Completes once the read's rows are committed; faults when they could not be written.</summary>
    public Task WriteAsync(IReadOnlyList<AccessRow> rows) => group.SubmitAsync(rows);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        running = group.RunAsync();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops only once every hosted service has stopped, the web server among them: reads still
    /// being answered while the server drains get their rows written, not a 503.
    /// </summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        group.Complete();
        await running.WaitAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// One transaction for the batch, on a unit of work of its own, re-run whole on a transient
    /// error. The rows go in as one fixed statement over arrays on PostgreSQL, and as one prepared
    /// statement executed per row elsewhere (see <see cref="AccessLogStore.AppendAsync"/>).
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<IReadOnlyList<AccessRow>> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var store = scope.ServiceProvider.GetRequiredService<AccessLogStore>();
        List<AccessRow> rows = [.. batch.SelectMany(read => read)];
        await unit.InTransactionAsync(async token =>
        {
            await store.AppendAsync(rows, token);
            return true;
        }, CancellationToken.None);
    }
}
