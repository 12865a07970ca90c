using System.Data.Common;
using Dapper;

namespace ReferralApi.Features.Retention;

/// <summary>The legal hold of a referral, for its two parties and the admin.</summary>
internal static class LegalHoldStore
{
    private const string Columns = """
        SELECT r.id AS ReferralId, r.status AS Status, r.legal_hold AS LegalHold, r.legal_hold_changed_at AS ChangedAt,
               r.legal_hold_changed_by_agency_id AS ChangedByAgencyId, r.personal_data_erased_at AS PersonalDataErasedAt,
               (SELECT MIN(h.at) FROM referral_status_changes h WHERE h.referral_id = r.id AND h.status = r.status) AS StatusSince
        FROM referrals r
        """;

    public const string SelectVisible = Columns + "\nWHERE r.id = @Id AND (r.from_agency_id = @Agency OR r.to_agency_id = @Agency)";

    /// <summary>For the admin, who may release any hold; the row holds no personal data.</summary>
    public const string SelectAny = Columns + "\nWHERE r.id = @Id";

    /// <summary>
    /// Only a change of value is recorded, so repeating a PUT keeps who set the hold and when; a hold
    /// set by the admin has no agency.
    /// </summary>
    public const string Set = """
        UPDATE referrals
        SET legal_hold = @LegalHold, legal_hold_changed_at = @Now, legal_hold_changed_by_agency_id = @Agency
        WHERE id = @Id AND legal_hold <> @LegalHold
        """;

    public static Task<LegalHoldRow?> FindVisibleAsync(DbConnection connection, DbTransaction? transaction, Guid id, Guid agency, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LegalHoldRow>(new CommandDefinition(SelectVisible, new { Id = id, Agency = agency }, transaction, cancellationToken: ct));

    public static Task<LegalHoldRow?> FindAnyAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LegalHoldRow>(new CommandDefinition(SelectAny, new { Id = id }, transaction, cancellationToken: ct));

    public static Task SetAsync(DbConnection connection, DbTransaction transaction, Guid id, bool legalHold, Guid? agency, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Set, new { Id = id, LegalHold = legalHold, Agency = agency, Now = now }, transaction, cancellationToken: ct));
}

/// <summary>A referral's hold and retention state as read by <see cref="LegalHoldStore.SelectVisible"/>.</summary>
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
