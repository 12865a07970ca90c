using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Reads and writes of referrals. Every read takes the caller's agency and answers only for the
/// two parties, so no route can forget object-level authorization. Personal fields are sealed on
/// the way in; the instance reads open them, the static reads inside a change leave them sealed
/// because a change needs only the row's ids, status and version.
/// </summary>
internal sealed class ReferralStore(Db db, PersonalDataCipher cipher)
{
    public static readonly string SelectVisible = $"""
        SELECT {ReferralRow.Columns} FROM referrals
        WHERE id = @Id AND (from_agency_id = @Agency OR to_agency_id = @Agency)
        """;

    public const string Insert = """
        INSERT INTO referrals (id, case_id, previous_referral_id, from_agency_id, to_agency_id, external_reference, receiver_reference,
            status, version, urgency, violence_types, services_requested, trafficking, reason, incident_occurred_on,
            incident_region_code, incident_place, subject_initials, subject_full_name, subject_sex, subject_birth_date,
            subject_age_years, subject_national_id, subject_nationality, subject_phone, subject_address, subject_region_code,
            subject_disability, safe_contact_do_not_contact, safe_contact_preferred_channel, safe_contact_notes, legal_basis,
            consent_given_by, consent_obtained_at, consent_obtained_by, consent_scope, respond_by, created_at, updated_at)
        VALUES (@Id, @CaseId, @PreviousReferralId, @FromAgencyId, @ToAgencyId, @ExternalReference, @ReceiverReference,
            @Status, @Version, @Urgency, @ViolenceTypes, @ServicesRequested, @Trafficking, @Reason, @IncidentOccurredOn,
            @IncidentRegionCode, @IncidentPlace, @SubjectInitials, @SubjectFullName, @SubjectSex, @SubjectBirthDate,
            @SubjectAgeYears, @SubjectNationalId, @SubjectNationality, @SubjectPhone, @SubjectAddress, @SubjectRegionCode,
            @SubjectDisability, @SafeContactDoNotContact, @SafeContactPreferredChannel, @SafeContactNotes, @LegalBasis,
            @ConsentGivenBy, @ConsentObtainedAt, @ConsentObtainedBy, @ConsentScope, @RespondBy, @CreatedAt, @UpdatedAt)
        """;

    /// <summary>Moves the status only if nobody moved it since it was read (optimistic concurrency).</summary>
    public const string UpdateStatus = """
        UPDATE referrals
        SET status = @Status, version = version + 1, updated_at = @Now,
            receiver_reference = COALESCE(@ReceiverReference, receiver_reference)
        WHERE id = @Id AND version = @Version
        """;

    public const string Touch = "UPDATE referrals SET updated_at = @Now WHERE id = @Id";

    public const string InsertCase = "INSERT INTO cases (id, opened_at, opened_by_agency_id) VALUES (@Id, @OpenedAt, @OpenedBy)";

    /// <summary>A caller may join a case only if it is a party to one of the case's referrals.</summary>
    public const string CountVisibleInCase = """
        SELECT COUNT(*) FROM referrals
        WHERE case_id = @CaseId AND (from_agency_id = @Agency OR to_agency_id = @Agency)
        """;

    /// <summary>The referral with its personal fields opened, or null when the agency is not a party.</summary>
    public async Task<ReferralRow?> FindVisibleAsync(Guid id, Guid agency, CancellationToken ct) =>
        await db.ReadAsync((connection, token) => FindVisibleAsync(connection, null, id, agency, token), ct) is { } row ? cipher.Open(row) : null;

    /// <summary>A row read or written inside a change, with its personal fields opened for the answer.</summary>
    public ReferralRow Open(ReferralRow sealedRow) => cipher.Open(sealedRow);

    /// <summary>The referral as stored (personal fields sealed), or null when the agency is not a party.</summary>
    public static Task<ReferralRow?> FindVisibleAsync(DbConnection connection, DbTransaction? transaction, Guid id, Guid agency, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<ReferralRow>(new CommandDefinition(SelectVisible, new { Id = id, Agency = agency }, transaction, cancellationToken: ct));

    public static async Task<bool> IsPartyToCaseAsync(DbConnection connection, DbTransaction transaction, Guid caseId, Guid agency, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountVisibleInCase, new { CaseId = caseId, Agency = agency }, transaction, cancellationToken: ct)) > 0;

    public static Task OpenCaseAsync(DbConnection connection, DbTransaction transaction, Guid caseId, Guid agency, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(InsertCase, new { Id = caseId, OpenedAt = now, OpenedBy = agency }, transaction, cancellationToken: ct));

    /// <summary>Stores <paramref name="row"/>, given with its personal fields in the clear, sealed.</summary>
    public Task InsertAsync(DbConnection connection, DbTransaction transaction, ReferralRow row, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Insert, cipher.Seal(row), transaction, cancellationToken: ct));

    /// <summary>False when another request changed the referral first.</summary>
    public static async Task<bool> TryMoveAsync(DbConnection connection, DbTransaction transaction, ReferralRow row, string status, string? receiverReference, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(UpdateStatus, new { row.Id, row.Version, Status = status, ReceiverReference = receiverReference, Now = now }, transaction, cancellationToken: ct)) == 1;

    public static Task TouchAsync(DbConnection connection, DbTransaction transaction, Guid id, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Touch, new { Id = id, Now = now }, transaction, cancellationToken: ct));
}
