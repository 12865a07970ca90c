using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// The admin audit log: appended for each admin action (in the change's own transaction when the
/// action is a change), read oldest first by sequence number.
/// </summary>
internal sealed class AdminAuditStore(UnitOfWork db)
{
    public const string Insert = """
        INSERT INTO admin_audit_log (at, admin_key, action, target_id, status, correlation_id)
        VALUES (@At, @AdminKey, @Action, @TargetId, @Status, @CorrelationId)
        """;

    private readonly string selectPage = SelectPage(db.Dialect);

    internal static string SelectPage(SqlDialect dialect) => $"""
        SELECT seq AS Seq, at AS At, admin_key AS AdminKey, action AS Action, target_id AS TargetId, status AS Status, correlation_id AS CorrelationId
        FROM admin_audit_log WHERE seq > @AfterSeq ORDER BY seq
        {dialect.Limit("@Limit")}
        """;

    /// <summary>Appends the entry: inside an open transaction it joins it, otherwise it commits on its own.</summary>
    public Task RecordAsync(AdminAuditEntry entry, CancellationToken ct) =>
        db.ExecuteAsync(Insert, new { entry.At, entry.AdminKey, entry.Action, entry.TargetId, entry.Status, entry.CorrelationId }, ct);

    public Task<IReadOnlyList<AdminAuditRow>> PageAsync(long afterSeq, int limit, CancellationToken ct) =>
        db.QueryAsync<AdminAuditRow>(selectPage, new { AfterSeq = afterSeq, Limit = limit }, ct);
}

/// <summary>One <c>admin_audit_log</c> row.</summary>
internal sealed record AdminAuditRow
{
    public long Seq { get; init; }

    public DateTimeOffset At { get; init; }

    public string AdminKey { get; init; } = string.Empty;

    public string Action { get; init; } = string.Empty;

    public Guid? TargetId { get; init; }

    public int Status { get; init; }

    public string CorrelationId { get; init; } = string.Empty;

    public AdminAuditEntry ToEntry() => new(At, AdminKey, Action, TargetId, Status, CorrelationId);
}
