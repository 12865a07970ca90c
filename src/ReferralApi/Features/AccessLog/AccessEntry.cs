namespace ReferralApi.Features.AccessLog;

/// <summary>
/// Who did what, when, under which request: the columns an access-log row shares with its siblings.
/// The person is that of a token (none for a key); <paramref name="SealedPersonName"/> is already sealed.
/// </summary>
internal sealed record AccessEntry(DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, string CorrelationId, string? PersonSub, string? SealedPersonName);
