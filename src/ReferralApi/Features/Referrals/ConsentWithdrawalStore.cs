using System.Text.Json;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>Recorded withdrawals of consent; the note is sealed like every free text.</summary>
internal sealed class ConsentWithdrawalStore(UnitOfWork db, PersonalDataCipher cipher)
{
    private const string Table = PersonalDataCipher.ConsentWithdrawals;

    public const string Insert = """
        INSERT INTO consent_withdrawals (id, case_id, referral_id, recorded_by_agency_id, recorded_at, note, cancelled_referral_ids, created_at)
        VALUES (@Id, @CaseId, @ReferralId, @RecordedByAgencyId, @RecordedAt, @Note, @CancelledReferralIds, @CreatedAt)
        """;

    /// <summary>Only the agency that recorded it reads it back.</summary>
    public const string SelectOwn = """
        SELECT id AS Id, case_id AS CaseId, referral_id AS ReferralId, recorded_by_agency_id AS RecordedByAgencyId,
               recorded_at AS RecordedAt, note AS Note, cancelled_referral_ids AS CancelledReferralIds, created_at AS CreatedAt
        FROM consent_withdrawals WHERE id = @Id AND recorded_by_agency_id = @Agency
        """;

    /// <summary>Retention keeps the withdrawal and which referrals it cancelled, and drops its note.</summary>
    public const string EraseWithdrawalNotes = "UPDATE consent_withdrawals SET note = NULL WHERE referral_id = @Id";

    public Task InsertAsync(ConsentWithdrawalRow row, CancellationToken ct) =>
        db.ExecuteAsync(Insert, row with { Note = cipher.Seal(Table, row.Id, "note", row.Note) }, ct);

    public async Task<ConsentWithdrawalRow?> FindOwnAsync(Guid id, Guid agency, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<ConsentWithdrawalRow>(SelectOwn, new { Id = id, Agency = agency }, ct) is { } row
            ? row with { Note = cipher.Open(Table, row.Id, "note", row.Note) }
            : null;

    /// <summary>Part of a referral's erasure, in its transaction.</summary>
    public Task EraseNotesAsync(Guid referralId, CancellationToken ct) => db.ExecuteAsync(EraseWithdrawalNotes, new { Id = referralId }, ct);
}

/// <summary>One <c>consent_withdrawals</c> row; <see cref="CancelledReferralIds"/> is a JSON list of ids.</summary>
internal sealed record ConsentWithdrawalRow
{
    public Guid Id { get; init; }

    public Guid CaseId { get; init; }

    public Guid ReferralId { get; init; }

    public Guid RecordedByAgencyId { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    public string? Note { get; init; }

    public string CancelledReferralIds { get; init; } = "[]";

    public DateTimeOffset CreatedAt { get; init; }

    public ConsentWithdrawalResponse ToResponse() => new(
        Id, ReferralId, CaseId, RecordedAt, Note, JsonSerializer.Deserialize<Guid[]>(CancelledReferralIds) ?? [], CreatedAt);
}
