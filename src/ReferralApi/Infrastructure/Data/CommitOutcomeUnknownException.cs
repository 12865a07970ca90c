namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The connection failed while a transaction was committing: the server may have committed it or
/// not. Re-running the unit could apply a change twice, so it is not retried; the client is told
/// to retry (503), and a retry with its Idempotency-Key is answered from the first request if that
/// one did commit.
/// </summary>
internal sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The connection failed during commit; the transaction may or may not have committed.", inner);
