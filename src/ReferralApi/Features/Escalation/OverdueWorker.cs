using Microsoft.Extensions.Options;
using ReferralApi.Features.Health;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Escalation;

/// <summary>
/// Runs in every instance: each <see cref="OverdueOptions.CheckInterval"/> it announces the
/// referrals that became overdue. Instances need no coordination; the claim in
/// <see cref="OverdueStore"/> makes each announcement happen once.
/// </summary>
internal sealed partial class OverdueWorker(
    OverdueStore store, IOptions<OverdueOptions> options, TimeProvider clock, WorkerHeartbeats heartbeats, ILogger<OverdueWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(WorkerHeartbeats.Overdue, o.CheckInterval);
                await AnnounceAllDueAsync(o.BatchSize, stoppingToken);
                await Task.Delay(o.CheckInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AnnounceAllDueAsync(int batch, CancellationToken ct)
    {
        try
        {
            // A full batch means more may be waiting: a backlog (say, after downtime) drains at once.
            while (await store.AnnounceDueAsync(clock.Now(), batch, ct) == batch)
            {
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The referrals stay unclaimed, so the next check announces them.
            CheckFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing overdue referrals failed: {ExceptionType}")]
    private static partial void CheckFailed(ILogger logger, string exceptionType);
}
