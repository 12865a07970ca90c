using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Records an attempt's outcome on the delivery and, where it changes, on its subscription. Every
/// delivery update requires the worker's lease, so an outcome that arrives after the row was
/// claimed again (or redelivered by hand) changes nothing.
/// </summary>
internal sealed class DeliveryOutcomeStore(UnitOfWork db)
{
    // The codes come from WebhookStatus, the one place they are spelled.
    public const string MarkDelivered = $"""
        UPDATE webhook_deliveries
        SET status = '{WebhookStatus.Delivered}', attempts = attempts + 1, last_status_code = @StatusCode, last_error = NULL,
            delivered_at = @Now, next_attempt_at = NULL, locked_until = NULL, lease_id = NULL, updated_at = @Now
        WHERE seq = @Seq AND lease_id = @LeaseId
        """;

    public const string MarkFailed = $"""
        UPDATE webhook_deliveries
        SET status = '{WebhookStatus.Failed}', attempts = attempts + 1, last_status_code = @StatusCode, last_error = @Error,
            next_attempt_at = NULL, locked_until = NULL, lease_id = NULL, updated_at = @Now
        WHERE seq = @Seq AND lease_id = @LeaseId
        """;

    /// <summary><c>@Counted</c> is 1 for a real attempt and 0 for one that was never sent.</summary>
    public const string Reschedule = """
        UPDATE webhook_deliveries
        SET attempts = attempts + @Counted, last_status_code = COALESCE(@StatusCode, last_status_code), last_error = @Error,
            next_attempt_at = @NextAttemptAt, locked_until = NULL, lease_id = NULL, updated_at = @Now
        WHERE seq = @Seq AND lease_id = @LeaseId
        """;

    public const string SubscriptionRecovered = $"""
        UPDATE webhook_subscriptions SET status = '{WebhookStatus.Active}', status_reason = NULL, updated_at = @Now
        WHERE id = @SubscriptionId AND status = '{WebhookStatus.Failing}'
        """;

    public const string SubscriptionFailing = $"""
        UPDATE webhook_subscriptions SET status = '{WebhookStatus.Failing}', status_reason = '{WebhookStatus.ReasonDeliveriesFailing}', updated_at = @Now
        WHERE id = @SubscriptionId AND status = '{WebhookStatus.Active}'
        """;

    public const string SubscriptionGone = $"""
        UPDATE webhook_subscriptions SET status = '{WebhookStatus.Disabled}', status_reason = '{WebhookStatus.ReasonReceiverGone}', updated_at = @Now
        WHERE id = @SubscriptionId
        """;

    /// <summary>Records a batch of outcomes in one transaction; each row still changes only under its own lease.</summary>
    public Task RecordAsync(IReadOnlyList<RecordedOutcome> batch, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            foreach (var recorded in batch)
            {
                var (deliverySql, subscriptionSql, args) = Statements(recorded);
                var mine = await db.ExecuteAsync(deliverySql, args, token);
                if (mine > 0 && subscriptionSql is not null)
                {
                    await db.ExecuteAsync(subscriptionSql, args, token);
                }
            }

            return batch.Count;
        }, ct);

    private static (string Delivery, string? Subscription, object Args) Statements(RecordedOutcome recorded)
    {
        var (delivery, outcome) = (recorded.Delivery, recorded.Outcome);
        var args = new
        {
            delivery.Seq,
            delivery.LeaseId,
            delivery.SubscriptionId,
            outcome.StatusCode,
            outcome.Error,
            outcome.NextAttemptAt,
            Counted = outcome.Result == DeliveryResult.NotSent ? 0 : 1,
            recorded.Now,
        };
        return outcome.Result switch
        {
            // Most deliveries go to healthy subscriptions; only a failing one needs the extra statement.
            DeliveryResult.Delivered => (MarkDelivered, delivery.SubscriptionStatus == WebhookStatus.Failing ? SubscriptionRecovered : null, args),
            DeliveryResult.GaveUp => (MarkFailed, SubscriptionFailing, args),
            DeliveryResult.Gone => (MarkFailed, SubscriptionGone, args),
            _ => (Reschedule, null, args),
        };
    }
}
