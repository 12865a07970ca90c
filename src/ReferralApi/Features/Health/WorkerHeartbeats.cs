using System.Collections.Concurrent;

namespace ReferralApi.Features.Health;

/// <summary>
/// The background workers' last signs of life. Each worker beats at the top of every pass, naming
/// how long it means to wait before the next; readiness calls a worker stale when two of its
/// intervals and a minute's grace have gone by without a beat.
/// </summary>
internal sealed class WorkerHeartbeats(TimeProvider clock)
{
    public const string Delivery = "delivery";
    public const string Overdue = "overdue";
    public const string Retention = "retention";

    public static readonly IReadOnlyList<string> Workers = [Delivery, Overdue, Retention];

    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Beat> beats = new(StringComparer.Ordinal);

    public void Beat(string worker, TimeSpan interval) => beats[worker] = new Beat(clock.GetUtcNow(), interval);

    /// <summary>The last beat of <paramref name="worker"/> and whether it is overdue; null before its first.</summary>
    public (DateTimeOffset At, bool Stale)? Last(string worker) =>
        beats.TryGetValue(worker, out var beat) ? (beat.At, clock.GetUtcNow() - beat.At > (2 * beat.Interval) + Grace) : null;
}

internal readonly record struct Beat(DateTimeOffset At, TimeSpan Interval);
