using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// One admin action: when, which admin key (a fingerprint of its hash), what (<c>create_agency</c>,
/// <c>update_agency</c>, <c>issue_key</c>, <c>list_keys</c>, <c>revoke_key</c>, <c>read_webhooks</c>,
/// <c>read_access_log</c>, <c>set_legal_hold</c>, <c>read_audit_log</c>), on which object, the answer's status, and the request's correlation id.
/// The acting person is that of a token; admin actions are taken with admin keys today, so it is
/// null until a person may act as admin with a token, and recorded from then on without a change here.
/// </summary>
public sealed record AdminAuditEntry(DateTimeOffset At, string AdminKey, string Action, Guid? TargetId, int Status, string CorrelationId, ActingPerson? ActingPerson);
