namespace ReferralApi.Infrastructure.Idempotency;

/// <summary>
/// The outcome of presenting an <c>Idempotency-Key</c>: either this request now owns the key
/// (<see cref="Replay"/> is null) or it repeats a finished one and must be answered from it.
/// <see cref="CreatedAt"/> tells this claim apart from a later one that took the key over.
/// </summary>
internal sealed record IdempotencyClaim(Guid Scope, string Key, string RequestHash, DateTimeOffset CreatedAt, IdempotentOutcome? Replay);

/// <summary>What a finished request produced: its status code and the resource it created or changed.</summary>
internal sealed record IdempotentOutcome(int Status, Guid ResourceId);
