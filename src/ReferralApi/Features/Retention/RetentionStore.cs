using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Retention;

/// <summary>
/// The statements of erasure. A referral is due when its terminal status is older than the cutoff
/// and no party holds it; erasing it is guarded by the same conditions, so two instances running
/// the job at once erase each referral once and a hold set meanwhile always wins.
/// </summary>
internal static class RetentionStore
{
    internal static string SelectDue(SqlDialect dialect) => $"""
        SELECT r.id AS Id, r.subject_birth_date AS SubjectBirthDate, r.created_at AS CreatedAt
        FROM referrals r
        WHERE r.personal_data_erased_at IS NULL AND r.legal_hold = @NotHeld AND r.id > @After
          AND r.status IN ({dialect.Text("declined")}, {dialect.Text("cancelled")}, {dialect.Text("completed")}, {dialect.Text("failed")})
          AND EXISTS (SELECT 1 FROM referral_status_changes h WHERE h.referral_id = r.id AND h.status = r.status AND h.at < @Cutoff)
        ORDER BY r.id
        {dialect.Limit("@Limit")}
        """;

    /// <summary>
    /// Keeps what statistics need (codes, dates, region, sex, age, agencies, statuses) and drops who
    /// the person is and every free text; the reason column cannot be null, so it keeps a sealed empty text.
    /// </summary>
    public const string EraseReferral = """
        UPDATE referrals
        SET reason = @ErasedReason, subject_initials = '', subject_full_name = NULL, subject_birth_date = NULL,
            subject_age_years = COALESCE(@AgeYears, subject_age_years), subject_national_id = NULL, subject_phone = NULL, subject_address = NULL,
            safe_contact_notes = NULL, external_reference = NULL, receiver_reference = NULL, consent_obtained_by = NULL,
            consent_scope = NULL, personal_data_erased_at = @Now
        WHERE id = @Id AND personal_data_erased_at IS NULL AND legal_hold = @NotHeld
        """;

    public const string EraseHistoryTexts = "UPDATE referral_status_changes SET reason = NULL, outcome = NULL, note = NULL WHERE referral_id = @Id";

    public const string DeleteNotes = "DELETE FROM referral_notes WHERE referral_id = @Id";

    public const string EraseWithdrawalNotes = "UPDATE consent_withdrawals SET note = NULL WHERE referral_id = @Id";

    /// <summary>
    /// Notes are refused once a referral is erased, but one written in the same instant as the
    /// erasure can still commit after it; every pass finds such referrals and deletes their notes,
    /// on the referral's schedule.
    /// </summary>
    public const string SelectErasedWithNotes = """
        SELECT DISTINCT n.referral_id FROM referral_notes n
        JOIN referrals r ON r.id = n.referral_id
        WHERE r.personal_data_erased_at IS NOT NULL
        """;

    public static async Task DeleteLateNotesAsync(DbConnection connection, CancellationToken ct)
    {
        var referrals = (await connection.QueryAsync<Guid>(new CommandDefinition(SelectErasedWithNotes, cancellationToken: ct))).AsList();
        foreach (var id in referrals)
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteNotes, new { Id = id }, cancellationToken: ct));
        }
    }

    public static async Task<List<DueReferral>> DueAsync(DbConnection connection, SqlDialect dialect, DateTimeOffset cutoff, Guid after, int limit, CancellationToken ct)
    {
        var sql = SelectDue(dialect);
        var args = new { NotHeld = false, Cutoff = cutoff, After = after, Limit = limit };
        return (await connection.QueryAsync<DueReferral>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    /// <summary>False when the referral was erased by another instance or held since it was found due.</summary>
    public static async Task<bool> EraseAsync(DbConnection connection, DbTransaction transaction, ErasedReferral erased, CancellationToken ct)
    {
        var args = new { erased.Id, erased.ErasedReason, erased.AgeYears, erased.Now, NotHeld = false };
        if (await connection.ExecuteAsync(new CommandDefinition(EraseReferral, args, transaction, cancellationToken: ct)) == 0)
        {
            return false;
        }

        foreach (var statement in new[] { EraseHistoryTexts, DeleteNotes, EraseWithdrawalNotes })
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, new { erased.Id }, transaction, cancellationToken: ct));
        }

        return true;
    }
}

/// <summary>A referral past retention: its sealed birth date and creation time give the age statistics keep.</summary>
internal sealed record DueReferral
{
    public Guid Id { get; init; }

    public string? SubjectBirthDate { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>What an erased referral keeps in place of its personal fields.</summary>
internal sealed record ErasedReferral(Guid Id, string ErasedReason, int? AgeYears, DateTimeOffset Now);
