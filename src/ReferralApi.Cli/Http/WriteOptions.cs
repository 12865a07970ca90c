namespace ReferralApi.Cli.Http;

/// <summary>The headers a changing request carries: its idempotency key and, for moves, the version it was decided on.</summary>
internal sealed record WriteOptions(string IdempotencyKey, int? IfMatchVersion = null);
