using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// The admin audit log: appended for each admin action (in the change's own transaction when the
/// action is a change), read oldest first by sequence number.
/// </summary>
internal sealed class AdminAuditStore(UnitOfWork db, PersonalDataCipher cipher)
{
    public const string Insert = """
        INSERT INTO admin_audit_log (at, admin_key, action, target_id, status, correlation_id, person_sub, person_name)
        VALUES (@At, @AdminKey, @Action, @TargetId, @Status, @CorrelationId, @PersonSub, @PersonName)
        """;


    internal static string SelectPage(SqlDialect dialect) => $"""
        SELECT seq AS Seq, at AS At, admin_key AS AdminKey, action AS Action, target_id AS TargetId, status AS Status, correlation_id AS CorrelationId,
               person_sub AS PersonSub, person_name AS PersonName
        FROM admin_audit_log WHERE seq > @AfterSeq ORDER BY seq
        {dialect.Limit("@Limit")}
        """;

    /// <summary>Appends the entry: inside an open transaction it joins it, otherwise it commits on its own.</summary>
    public Task RecordAsync(AdminAuditEntry entry, CancellationToken ct) => db.ExecuteAsync(Insert, new
    {
        entry.At, entry.AdminKey, entry.Action, entry.TargetId, entry.Status, entry.CorrelationId,
        PersonSub = entry.ActingPerson?.Sub,
        PersonName = cipher.SealInLog(PersonalDataCipher.AdminAuditLog, entry.ActingPerson?.Name),
    }, ct);

    /// <summary>A page of rows, the person's name opened.</summary>
    public async Task<IReadOnlyList<AdminAuditRow>> PageAsync(long afterSeq, int limit, CancellationToken ct) =>
        [.. (await db.QueryAsync<AdminAuditRow>(db.Dialect.Built(SelectPage), new { AfterSeq = afterSeq, Limit = limit }, ct))
            .Select(r => r with { PersonName = cipher.OpenFromLog(PersonalDataCipher.AdminAuditLog, r.PersonName) })];
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

    public string? PersonSub { get; init; }

    /// <summary>Sealed as stored; opened by <see cref="AdminAuditStore.PageAsync"/>.</summary>
    public string? PersonName { get; init; }

    public AdminAuditEntry ToEntry() => new(At, AdminKey, Action, TargetId, Status, CorrelationId, ActingPerson.Of(PersonSub, PersonName));
}
