namespace ReferralApi.Features.AccessLog;

/// <summary>Who did what, when, under which request: the columns an access-log row shares with its siblings.</summary>
internal sealed record AccessEntry(DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, string CorrelationId);
