namespace ReferralApi.Infrastructure.Idempotency;

/// <summary>
/// What must commit together with a request's idempotent change, registered by code outside the
/// handler (the admin audit): run by <see cref="IdempotencyClaim.CompleteAsync"/> inside the
/// change's transaction, once the outcome is known. Scoped to the request.
/// </summary>
internal sealed class IdempotencyCompletion
{
    private readonly List<Func<IdempotentOutcome, CancellationToken, Task>> hooks = [];

    public void OnComplete(Func<IdempotentOutcome, CancellationToken, Task> hook) => hooks.Add(hook);

    public async Task RunAsync(IdempotentOutcome outcome, CancellationToken ct)
    {
        foreach (var hook in hooks)
        {
            await hook(outcome, ct);
        }
    }
}
