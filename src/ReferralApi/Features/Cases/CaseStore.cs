using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Cases;

/// <summary>The owner of the <c>cases</c> table: a case opens with its first referral and is never changed.</summary>
internal sealed class CaseStore(UnitOfWork db)
{
    public const string Insert = "INSERT INTO cases (id, opened_at, opened_by_agency_id) VALUES (@Id, @OpenedAt, @OpenedBy)";

    public const string SelectOpenedAt = "SELECT opened_at FROM cases WHERE id = @CaseId";

    /// <summary>The case, added to writes that go to the database together (static: a case row holds nothing to seal).</summary>
    public static void OpenIn(StatementBatch writes, Guid caseId, Guid agency, DateTimeOffset now) =>
        writes.Add(Insert, new { Id = caseId, OpenedAt = now, OpenedBy = agency });

    public Task<DateTimeOffset> OpenedAtAsync(Guid caseId, CancellationToken ct) =>
        db.QuerySingleAsync<DateTimeOffset>(SelectOpenedAt, new { CaseId = caseId }, ct);
}
