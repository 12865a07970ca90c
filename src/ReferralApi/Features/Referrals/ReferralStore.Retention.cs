using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// The erasure of a referral's personal data. A referral is due when its terminal status is older
/// than the cutoff and no party holds it; erasing it is guarded by the same conditions, so two
/// instances running the job at once erase each referral once and a hold set meanwhile always wins.
/// </summary>
internal sealed partial class ReferralStore
{
    internal static string SelectPastRetention(SqlDialect dialect) => $"""
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

    /// <summary>Up to <paramref name="limit"/> referrals due for erasure after <paramref name="after"/>, in id order.</summary>
    public Task<IReadOnlyList<DueReferral>> PastRetentionAsync(DateTimeOffset cutoff, Guid after, int limit, CancellationToken ct) =>
        db.QueryAsync<DueReferral>(db.Dialect.Built(SelectPastRetention), new { NotHeld = false, Cutoff = cutoff, After = after, Limit = limit }, ct);

    /// <summary>
    /// Erases the referral's own fields; called inside the transaction that erases its history, notes
    /// and withdrawal notes too, so they commit together. False when the referral was erased by another
    /// instance or held since it was found due: then nothing else is erased.
    /// </summary>
    public async Task<bool> TryEraseAsync(ErasedReferral erased, CancellationToken ct) =>
        await db.ExecuteAsync(EraseReferral, new { erased.Id, erased.ErasedReason, erased.AgeYears, erased.Now, NotHeld = false }, ct) != 0;
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
