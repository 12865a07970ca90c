namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// One admin action: when, which admin key (a fingerprint of its hash), what (<c>create_agency</c>,
/// <c>update_agency</c>, <c>issue_key</c>, <c>list_keys</c>, <c>revoke_key</c>, <c>read_webhooks</c>,
/// <c>read_access_log</c>, <c>set_legal_hold</c>, <c>read_audit_log</c>), on which object, the answer's status, and the request's correlation id.
/// </summary>
public sealed record AdminAuditEntry(DateTimeOffset At, string AdminKey, string Action, Guid? TargetId, int Status, string CorrelationId);
