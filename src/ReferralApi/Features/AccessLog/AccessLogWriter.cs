using System.Diagnostics.Metrics;
using System.Text;
using Dapper;
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

    /// <summary>Well under SQL Server's 2,100 parameters per command.</summary>
    private const int MaxParametersPerCommand = 1000;

    private readonly IServiceScopeFactory scopes;
    private readonly GroupCommit<ReadRecord> group;
    private Task running = Task.CompletedTask;

    public AccessLogWriter(IServiceScopeFactory scopes, IMeterFactory meters)
    {
        this.scopes = scopes;
        var batchSize = meters.Create(ReferralMetrics.MeterName).CreateHistogram<int>(
            BatchSizeInstrument, unit: "{request}", description: "Reads whose access-log rows were committed together in one transaction.");
        group = new GroupCommit<ReadRecord>(WriteBatchAsync, size => batchSize.Record(size));
    }

    /// <summary>Completes once the read's rows are committed; faults when they could not be written.</summary>
    public Task WriteAsync(AccessEntry entry, IReadOnlyCollection<Guid> referralIds) => group.SubmitAsync(new ReadRecord(entry, referralIds));

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
    /// error. The reads' inserts travel together, several to a command, so a batch costs a few
    /// round trips instead of one per read.
    /// </summary>
    private async Task WriteBatchAsync(IReadOnlyList<ReadRecord> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var commands = Commands(unit.Dialect, batch);
        await unit.InTransactionAsync(async token =>
        {
            foreach (var (sql, args) in commands)
            {
                await unit.ExecuteAsync(sql, args, token);
            }

            return true;
        }, CancellationToken.None);
    }

    /// <summary>The batch's inserts grouped into commands, each under <see cref="MaxParametersPerCommand"/>.</summary>
    internal static List<(string Sql, DynamicParameters Args)> Commands(SqlDialect dialect, IReadOnlyList<ReadRecord> batch)
    {
        var commands = new List<(string, DynamicParameters)>();
        var sql = new StringBuilder();
        var args = new DynamicParameters();
        var parameters = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var (insert, insertArgs) = AccessRecorder.BuildInsert(dialect, batch[i].Entry, batch[i].ReferralIds, $"r{i}_");
            var count = insertArgs.ParameterNames.Count();
            if (parameters > 0 && parameters + count > MaxParametersPerCommand)
            {
                commands.Add((sql.ToString(), args));
                (sql, args, parameters) = (new StringBuilder(), new DynamicParameters(), 0);
            }

            sql.Append(insert).Append(";\n");
            args.AddDynamicParams(insertArgs);
            parameters += count;
        }

        if (parameters > 0)
        {
            commands.Add((sql.ToString(), args));
        }

        return commands;
    }

    internal sealed record ReadRecord(AccessEntry Entry, IReadOnlyCollection<Guid> ReferralIds);
}
