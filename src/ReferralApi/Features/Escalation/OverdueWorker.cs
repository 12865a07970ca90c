using Microsoft.Extensions.Options;
using ReferralApi.Features.Events;
using ReferralApi.Features.Health;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Json;

namespace ReferralApi.Features.Escalation;

/// <summary>
/// Runs in every instance: each <see cref="OverdueOptions.CheckInterval"/> it announces the
/// referrals that became overdue. Instances need no coordination: the claim
/// (<see cref="ReferralStore.ClaimOverdue"/>) is a conditional update in the transaction that
/// appends the event, so when several instances race for one referral, the database lets exactly
/// one update succeed, and only that one writes the event. Each batch works in a scope (one
/// connection) of its own.
/// </summary>
internal sealed partial class OverdueWorker(
    IServiceScopeFactory scopes, IOptions<OverdueOptions> options, TimeProvider clock, WorkerHeartbeats heartbeats, ILogger<OverdueWorker> logger)
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
            while (await AnnounceBatchAsync(batch, ct) == batch)
            {
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The referrals stay unclaimed, so the next check announces them.
            CheckFailed(logger, e.GetType().Name);
        }
    }

    /// <summary>
    /// Announces up to <paramref name="batch"/> overdue referrals, each claimed and announced in a
    /// transaction of its own; returns how many were due, announced here or not.
    /// </summary>
    private async Task<int> AnnounceBatchAsync(int batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<UnitOfWork>();
        var referrals = scope.ServiceProvider.GetRequiredService<ReferralStore>();
        var events = scope.ServiceProvider.GetRequiredService<EventLog>();
        var now = clock.Now();
        var due = await referrals.OverdueAsync(now, batch, ct);
        foreach (var id in due)
        {
            await unit.InTransactionAsync(async token =>
            {
                var claimed = await referrals.TryClaimOverdueAsync(id, now, token);
                if (claimed)
                {
                    // Read after the claim: the row is locked now, so status and version are the ones the event reports.
                    var referral = await referrals.ClaimedOverdueAsync(id, token);
                    await events.AppendAsync(new NewEvent(
                        EventTypes.Overdue, now, referral.ReferralId, referral.CaseId, referral.FromAgencyId, referral.ToAgencyId,
                        referral.Status, referral.Version, ActorAgencyId: referral.ToAgencyId), token);
                }

                return claimed;
            }, ct);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announcing overdue referrals failed: {ExceptionType}")]
    private static partial void CheckFailed(ILogger logger, string exceptionType);
}
