using System.Diagnostics;

namespace ReferralApi.Bench;

/// <summary>
/// Deliveries per second as the API's own worker achieves them: queue N due deliveries at once,
/// then time from the first one reaching the receiver until every row is recorded as delivered.
/// </summary>
internal static class DeliveryBench
{
    public static async Task<DeliveryFigures> RunAsync(BenchApi api, BenchDatabase db, Guid agency, string key, int count, CancellationToken ct)
    {
        await using var receiver = await Receiver.StartAsync(ct);
        var subscription = await api.SubscribeAsync(key, receiver.Url, ct);
        var queuedAt = Stopwatch.GetTimestamp();
        var queued = await db.QueueDeliveriesAsync(subscription, agency, count, ct);
        if (queued < count)
        {
            throw new InvalidOperationException($"The agency has only {queued} events to queue deliveries for; raise --large or lower --deliveries.");
        }

        var deadline = Stopwatch.StartNew();
        long delivered;
        while ((delivered = await db.CountDeliveredAsync(subscription, ct)) < count)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60 + (count / 20)))
            {
                throw new TimeoutException($"Only {delivered} of {count} deliveries were recorded as delivered.");
            }

            await Task.Delay(25, ct);
        }

        var doneAt = Stopwatch.GetTimestamp();
        var first = receiver.FirstAt;
        var drain = Stopwatch.GetElapsedTime(first, doneAt).TotalSeconds;
        var send = Stopwatch.GetElapsedTime(first, receiver.LastAt).TotalSeconds;
        return new DeliveryFigures(
            count,
            count / drain,
            send > 0 ? (receiver.Received - 1) / send : 0,
            Stopwatch.GetElapsedTime(queuedAt, first).TotalMilliseconds,
            receiver.Received,
            receiver.DistinctIds);
    }
}

/// <summary>
/// <see cref="PerSecond"/>: deliveries recorded per second from the first arrival to the last
/// recorded outcome; <see cref="SentPerSecond"/>: arrivals per second at the receiver;
/// <see cref="PickupMillis"/>: from queueing to the first arrival (the worker's idle poll).
/// </summary>
internal sealed record DeliveryFigures(int Count, double PerSecond, double SentPerSecond, double PickupMillis, long Received, int DistinctIds);
