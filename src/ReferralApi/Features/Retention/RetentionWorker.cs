using Microsoft.Extensions.Options;
using ReferralApi.Features.Health;

namespace ReferralApi.Features.Retention;

/// <summary>
/// Runs the erasure job at start and then every <c>Retention:Interval</c>, in every instance: the
/// job's guarded statements make concurrent passes safe, so no instance needs to be elected.
/// </summary>
internal sealed partial class RetentionWorker(
    RetentionJob job, IOptions<RetentionOptions> options, TimeProvider clock, WorkerHeartbeats heartbeats, ILogger<RetentionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(WorkerHeartbeats.Retention, options.Value.Interval);
                await RunOnceAsync(stoppingToken);
                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            var erased = await job.RunOnceAsync(ct);
            if (erased > 0)
            {
                Erased(logger, erased);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The type only: a database message can quote values. The next pass tries again.
            Failed(logger, e.GetType().FullName ?? "unknown");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: erased the personal data of {Count} referrals past retention")]
    private static partial void Erased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed with {ExceptionType}; it runs again at the next interval")]
    private static partial void Failed(ILogger logger, string exceptionType);
}
