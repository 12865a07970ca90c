using Microsoft.Extensions.Options;
using ReferralApi.Features.Health;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Runs in every instance: claims due deliveries as slots free up and sends each on its own, so
/// one slow receiver holds only its own slots. Claims carry a lease, so several instances can
/// share one database and a crashed instance's deliveries are claimed again once the lease ends.
/// Each claim and each batch of outcomes is a unit of work of its own, on a scope of its own, so
/// no connection is held while deliveries are being sent.
/// </summary>
internal sealed partial class WebhookDeliveryWorker(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    WorkerHeartbeats heartbeats,
    ILogger<WebhookDeliveryWorker> logger,
    ReferralMetrics? metrics = null) : BackgroundService
{
    private readonly List<Task> inFlight = [];
    private readonly DeliveryOutcomeBatcher outcomes = new(batch => RecordBatchAsync(scopes, batch));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var recording = outcomes.RunAsync();
        using var slots = new SemaphoreSlim(o.MaxConcurrentDeliveries, o.MaxConcurrentDeliveries);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeats.Beat(WorkerHeartbeats.Delivery, o.PollInterval);
                await slots.WaitAsync(stoppingToken);
                var claimed = await ClaimAsync(slots.CurrentCount + 1, o, stoppingToken);
                if (claimed.Count == 0)
                {
                    slots.Release();
                    await Task.Delay(o.PollInterval, clock, stoppingToken);
                    continue;
                }

                // One slot is held; the claim asked for no more than were free, and only this loop takes slots.
                for (var i = 1; i < claimed.Count; i++)
                {
                    await slots.WaitAsync(stoppingToken);
                }

                lock (inFlight)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                    inFlight.AddRange(claimed.Select(delivery => DeliverAsync(delivery, slots, stoppingToken)));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Deliveries still in flight finish and hand back their outcomes, which are written before the worker ends.
            Task[] remaining;
            lock (inFlight)
            {
                remaining = [.. inFlight];
            }

            await Task.WhenAll(remaining);
            outcomes.Complete();
            await recording;
        }
    }

    private async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int batch, WebhookOptions o, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<DeliveryQueue>();
            return await queue.ClaimAsync(batch, clock.GetUtcNow(), o.LeaseDuration, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            ClaimFailed(logger, e.GetType().Name);
            return [];
        }
    }

    /// <summary>One batch of outcomes in one transaction; not cancellable, like the batcher that calls it.</summary>
    private static async Task RecordBatchAsync(IServiceScopeFactory scopes, IReadOnlyList<RecordedOutcome> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliveryOutcomeStore>().RecordAsync(batch, CancellationToken.None);
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            DeliveryOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(delivery, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping (the send was cancelled, however it surfaced): hand the delivery back at
                // once instead of waiting for the lease to end.
                outcome = new DeliveryOutcome(DeliveryResult.NotSent, null, "instance_stopping", clock.GetUtcNow());
            }

            await outcomes.RecordAsync(delivery, outcome, clock.GetUtcNow());
            metrics?.DeliveryAttempted(OutcomeName(outcome.Result));
        }
#pragma warning disable CA1031 // Whatever went wrong, the worker must go on with the other deliveries.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The lease runs out and the delivery is claimed again; nothing else is lost.
            DeliveryFailed(logger, delivery.SubscriptionId, delivery.EventId, e.GetType().Name);
        }
        finally
        {
            slots.Release();
        }
    }

    private static string OutcomeName(DeliveryResult result) => result switch
    {
        DeliveryResult.Delivered => "delivered",
        DeliveryResult.RetryLater => "retry_later",
        DeliveryResult.GaveUp => "gave_up",
        DeliveryResult.Gone => "gone",
        _ => "not_sent",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Claiming webhook deliveries failed: {ExceptionType}")]
    private static partial void ClaimFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {SubscriptionId} event {EventId}: recording the attempt failed: {ExceptionType}")]
    private static partial void DeliveryFailed(ILogger logger, Guid subscriptionId, Guid eventId, string exceptionType);
}
