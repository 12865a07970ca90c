namespace ReferralApi.Features.AccessLog;

/// <summary>One read or change of a referral: when, by which agency and key, what, and the request's correlation id.</summary>
public sealed record AccessLogEntry(DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, string CorrelationId);

/// <summary>An access-log row as administrators see it, across referrals.</summary>
public sealed record AdminAccessLogEntry(DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, Guid ReferralId, string CorrelationId);

/// <summary>One <c>access_log</c> row.</summary>
internal sealed record AccessLogRow
{
    public long Seq { get; init; }

    public DateTimeOffset At { get; init; }

    public Guid AgencyId { get; init; }

    public Guid KeyId { get; init; }

    public string Action { get; init; } = string.Empty;

    public Guid ReferralId { get; init; }

    public string CorrelationId { get; init; } = string.Empty;

    public AccessLogEntry ToEntry() => new(At, AgencyId, KeyId, Action, CorrelationId);

    public AdminAccessLogEntry ToAdminEntry() => new(At, AgencyId, KeyId, Action, ReferralId, CorrelationId);
}

/// <summary>The filters of <c>GET /v1/admin/access-log</c>; <c>from</c> is inclusive, <c>to</c> exclusive.</summary>
internal sealed record AccessLogFilter(Guid? AgencyId, Guid? ReferralId, DateTimeOffset? From, DateTimeOffset? To);
