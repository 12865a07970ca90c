using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Group commit (<see cref="GroupCommit{T}"/>) for delivery outcomes: each finished delivery hands
/// its outcome over and waits until its batch is committed. On SQLite, where writers take turns,
/// one transaction per delivery made collisions between the worker's own writers most of a
/// delivery's cost there.
/// </summary>
/// <param name="write">
/// Writes one batch in one transaction (<see cref="DeliveryOutcomeStore.RecordAsync"/>), on a unit
/// of work (a scope) of its own: the batcher outlives every request.
/// </param>
internal sealed class DeliveryOutcomeBatcher(Func<IReadOnlyList<RecordedOutcome>, Task> write)
{
    private readonly GroupCommit<RecordedOutcome> group = new(write);

    /// <summary>Completes once the outcome is committed; faults when it could not be written.</summary>
    public Task RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome, DateTimeOffset now) =>
        group.SubmitAsync(new RecordedOutcome(delivery, outcome, now));

    /// <summary>No more outcomes will come: <see cref="RunAsync"/> writes what is queued and returns.</summary>
    public void Complete() => group.Complete();

    /// <summary>
    /// Writes batches until <see cref="Complete"/>. Not cancellable: outcomes of deliveries that
    /// were sent must be written even while the instance stops.
    /// </summary>
    public Task RunAsync() => group.RunAsync();
}

/// <summary>An attempt's outcome on its way to the database.</summary>
internal sealed record RecordedOutcome(ClaimedDelivery Delivery, DeliveryOutcome Outcome, DateTimeOffset Now);
