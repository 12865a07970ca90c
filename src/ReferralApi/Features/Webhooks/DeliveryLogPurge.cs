using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Deletes delivered and failed deliveries once <c>Webhooks:DeliveryRetention</c> has passed,
/// every <c>Webhooks:PurgeInterval</c>. It runs in every instance: the purge is one idempotent
/// delete per batch, so instances that meet delete nothing twice and lose nothing. Each run is a
/// unit of work on a scope of its own.
/// </summary>
internal sealed partial class DeliveryLogPurge(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider clock, ILogger<DeliveryLogPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var timer = new PeriodicTimer(o.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var deliveries = scope.ServiceProvider.GetRequiredService<WebhookDeliveryStore>();
                var purged = await deliveries.PurgeFinishedAsync(clock.GetUtcNow() - o.DeliveryRetention, stoppingToken);
                if (purged > 0)
                {
                    Purged(logger, purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PurgeFailed(logger, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} webhook deliveries past their retention")]
    private static partial void Purged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging old webhook deliveries failed: {ExceptionType}")]
    private static partial void PurgeFailed(ILogger logger, string exceptionType);
}
