using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>
/// Reads the database figures every <see cref="MetricsOptions.SnapshotInterval"/> and publishes them
/// as observable gauges. The gauges only read the last snapshot, so a scrape never queries the
/// database, however often it comes.
/// </summary>
internal sealed partial class OperationsSnapshotWorker : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly IOptions<MetricsOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<OperationsSnapshotWorker> logger;
    private volatile OperationsSnapshot snapshot = OperationsSnapshot.Empty;

    public OperationsSnapshotWorker(
        IServiceScopeFactory scopes, ReferralMetrics metrics, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<OperationsSnapshotWorker> logger)
    {
        this.scopes = scopes;
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        var meter = metrics.Meter;
        meter.CreateObservableGauge(ReferralMetrics.Prefix + "referrals.overdue", ObserveOverdue, "{referral}",
            "Referrals still awaiting an answer after respondBy, by receiving agency code.");
        meter.CreateObservableGauge(ReferralMetrics.Prefix + "webhook.backlog", ObserveBacklog, "{delivery}",
            "Pending webhook deliveries, by subscription.");
        meter.CreateObservableGauge(ReferralMetrics.Prefix + "webhook.oldest_pending.age", ObserveOldestAge, "s",
            "Age of the oldest pending webhook delivery, by subscription.");
        meter.CreateObservableCounter(ReferralMetrics.Prefix + "events.written", () => snapshot.EventRowsWritten, "{row}",
            "Event feed rows written (one per party of each event).");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RefreshAsync(stoppingToken);
                await Task.Delay(options.Value.SnapshotInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            snapshot = await scope.ServiceProvider.GetRequiredService<OperationsSnapshotStore>().ReadAsync(clock.Now(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The gauges keep the last figures; the next interval tries again.
            ReadFailed(logger, e.GetType().Name);
        }
    }

    private IEnumerable<Measurement<long>> ObserveOverdue() =>
        snapshot.Overdue.Select(o => new Measurement<long>(o.Count, new KeyValuePair<string, object?>("agency.code", o.AgencyCode)));

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        snapshot.Backlog.Select(b => new Measurement<long>(b.Pending, Labels(b)));

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        var current = snapshot;
        return current.Backlog.Select(b => new Measurement<double>(Math.Max(0, (current.ReadAt - b.OldestCreatedAt).TotalSeconds), Labels(b)));
    }

    private static KeyValuePair<string, object?>[] Labels(WebhookBacklog b) =>
        [new("webhook.subscription.id", b.SubscriptionId.ToString()), new("agency.code", b.AgencyCode)];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the operations figures failed: {ExceptionType}")]
    private static partial void ReadFailed(ILogger logger, string exceptionType);
}
