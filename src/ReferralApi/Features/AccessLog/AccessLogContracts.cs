using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// One read or change of a referral: when, by which agency and key, what, the request's correlation
/// id, and the person who acted when a token was used (null for a key).
/// </summary>
public sealed record AccessLogEntry(DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, string CorrelationId, ActingPerson? ActingPerson);

/// <summary>An access-log row as administrators see it, across referrals.</summary>
public sealed record AdminAccessLogEntry(
    DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, Guid ReferralId, string CorrelationId, ActingPerson? ActingPerson);

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

    /// <summary>The person who acted with a token (<c>sub</c>); null for a key.</summary>
    public string? PersonSub { get; init; }

    /// <summary>Their display name: sealed as stored, opened by <see cref="AccessLogStore"/>.</summary>
    public string? PersonName { get; init; }

    public AccessLogEntry ToEntry() => new(At, AgencyId, KeyId, Action, CorrelationId, ActingPerson.Of(PersonSub, PersonName));

    public AdminAccessLogEntry ToAdminEntry() => new(At, AgencyId, KeyId, Action, ReferralId, CorrelationId, ActingPerson.Of(PersonSub, PersonName));
}

/// <summary>The filters of <c>GET /v1/admin/access-log</c>; <c>from</c> is inclusive, <c>to</c> exclusive.</summary>
internal sealed record AccessLogFilter(Guid? AgencyId, Guid? ReferralId, DateTimeOffset? From, DateTimeOffset? To);
