namespace ReferralApi.Features.Referrals;

/// <summary>The legal hold of a referral, for its two parties and the admin.</summary>
internal sealed partial class ReferralStore
{
    private const string LegalHoldColumns = """
        SELECT r.id AS ReferralId, r.status AS Status, r.legal_hold AS LegalHold, r.legal_hold_changed_at AS ChangedAt,
               r.legal_hold_changed_by_agency_id AS ChangedByAgencyId, r.personal_data_erased_at AS PersonalDataErasedAt,
               (SELECT MIN(h.at) FROM referral_status_changes h WHERE h.referral_id = r.id AND h.status = r.status) AS StatusSince
        FROM referrals r
        """;

    public const string SelectLegalHoldVisible = LegalHoldColumns + "\nWHERE r.id = @Id AND (r.from_agency_id = @Agency OR r.to_agency_id = @Agency)";

    /// <summary>For the admin, who may release any hold; the row holds no personal data.</summary>
    public const string SelectLegalHoldAny = LegalHoldColumns + "\nWHERE r.id = @Id";

    /// <summary>
    /// Only a change of value is recorded, so repeating a PUT keeps who set the hold and when; a hold
    /// set by the admin has no agency.
    /// </summary>
    public const string SetLegalHold = """
        UPDATE referrals
        SET legal_hold = @LegalHold, legal_hold_changed_at = @Now, legal_hold_changed_by_agency_id = @Agency
        WHERE id = @Id AND legal_hold <> @LegalHold
        """;

    /// <summary>
    /// An agency releases only a hold it set: the owner is tested in the same statement that clears
    /// the hold, so a hold the other party sets meanwhile is never released by a stale read.
    /// </summary>
    public const string ReleaseOwnLegalHold = """
        UPDATE referrals
        SET legal_hold = @Released, legal_hold_changed_at = @Now, legal_hold_changed_by_agency_id = @Agency
        WHERE id = @Id AND legal_hold <> @Released AND legal_hold_changed_by_agency_id = @Agency
        """;

    /// <summary>Rows changed: 0 when there was no hold to release or the hold is another agency's.</summary>
    public Task<int> ReleaseOwnLegalHoldAsync(Guid id, Guid agency, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(ReleaseOwnLegalHold, new { Id = id, Released = false, Agency = agency, Now = now }, ct);

    /// <summary>The referral's hold, or null when the agency is not a party.</summary>
    public Task<LegalHoldRow?> FindLegalHoldVisibleAsync(Guid id, Guid agency, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<LegalHoldRow>(SelectLegalHoldVisible, new { Id = id, Agency = agency }, ct);

    public Task<LegalHoldRow?> FindLegalHoldAnyAsync(Guid id, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<LegalHoldRow>(SelectLegalHoldAny, new { Id = id }, ct);

    public Task SetLegalHoldAsync(Guid id, bool legalHold, Guid? agency, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(SetLegalHold, new { Id = id, LegalHold = legalHold, Agency = agency, Now = now }, ct);
}

/// <summary>A referral's hold and retention state as read by <see cref="ReferralStore.SelectLegalHoldVisible"/>.</summary>
internal sealed record LegalHoldRow
{
    public Guid ReferralId { get; init; }

    public string Status { get; init; } = string.Empty;

    public bool LegalHold { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }

    public Guid? ChangedByAgencyId { get; init; }

    public DateTimeOffset? PersonalDataErasedAt { get; init; }

    /// <summary>When the referral reached its current status; for a terminal one, where retention starts.</summary>
    public DateTimeOffset? StatusSince { get; init; }
}
