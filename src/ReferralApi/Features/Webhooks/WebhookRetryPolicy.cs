using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// When a failed delivery is tried again: the configured schedule (Standard Webhooks' by default)
/// with ±20 % jitter so receivers that fail together are not retried together, never sooner than
/// the receiver's <c>Retry-After</c> (capped at the schedule's longest wait); after the last entry
/// the delivery has failed for good.
/// </summary>
internal sealed class WebhookRetryPolicy(IOptions<WebhookOptions> options)
{
    public DeliveryOutcome AfterFailure(ClaimedDelivery delivery, int? statusCode, string error, TimeSpan? retryAfter, DateTimeOffset now)
    {
        var schedule = options.Value.EffectiveRetrySchedule;
        var attempt = delivery.Attempts + 1;
        if (attempt > schedule.Count)
        {
            return new DeliveryOutcome(DeliveryResult.GaveUp, statusCode, error, null);
        }

        // Jitter only spreads load; it needs no unpredictability.
#pragma warning disable CA5394
        var wait = schedule[attempt - 1] * (0.8 + (0.4 * Random.Shared.NextDouble()));
#pragma warning restore CA5394
        if (retryAfter is { } asked && asked > wait)
        {
            wait = asked < schedule.Max() ? asked : schedule.Max();
        }

        return new DeliveryOutcome(DeliveryResult.RetryLater, statusCode, error, now + wait);
    }
}
