using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// The owner of the <c>referrals</c> table. Every read for a caller takes the caller's agency and
/// answers only for the two parties, so no route can forget object-level authorization. Personal
/// fields are sealed on the way in; <see cref="FindVisibleAsync"/> opens them, the <c>Sealed</c>
/// reads leave them sealed because a change needs only the row's ids, status and version.
/// </summary>
internal sealed partial class ReferralStore(UnitOfWork db, PersonalDataCipher cipher)
{
    public static readonly string SelectVisible = $"""
        SELECT {ReferralRow.Columns} FROM referrals
        WHERE id = @Id AND (from_agency_id = @Agency OR to_agency_id = @Agency)
        """;

    /// <summary>What a status read answers with: no personal field is read, let alone opened.</summary>
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

    /// <summary>A caller may join a case only if it is a party to one of the case's referrals.</summary>
    public const string CountVisibleInCase = """
        SELECT COUNT(*) FROM referrals
        WHERE case_id = @CaseId AND (from_agency_id = @Agency OR to_agency_id = @Agency)
        """;

    /// <summary>The referral with its personal fields opened, or null when the agency is not a party.</summary>
    public async Task<ReferralRow?> FindVisibleAsync(Guid id, Guid agency, CancellationToken ct) =>
        await FindVisibleSealedAsync(id, agency, ct) is { } row ? cipher.Open(row) : null;

    /// <summary>A row read or written inside a change, with its personal fields opened for the answer.</summary>
    public ReferralRow Open(ReferralRow sealedRow) => cipher.Open(sealedRow);

    /// <summary>The referral as stored (personal fields sealed), or null when the agency is not a party.</summary>
    public Task<ReferralRow?> FindVisibleSealedAsync(Guid id, Guid agency, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<ReferralRow>(SelectVisible, new { Id = id, Agency = agency }, ct);

    public async Task<bool> IsPartyToCaseAsync(Guid caseId, Guid agency, CancellationToken ct) =>
        await db.ExecuteScalarAsync<int>(CountVisibleInCase, new { CaseId = caseId, Agency = agency }, ct) > 0;

    /// <summary>Stores <paramref name="row"/>, given with its personal fields in the clear, sealed, with the batch.</summary>
    public void InsertIn(StatementBatch writes, ReferralRow row) => writes.Add(Insert, cipher.Seal(row));

    /// <summary>False when another request changed the referral first.</summary>
    public async Task<bool> TryMoveAsync(ReferralRow row, string status, string? receiverReference, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(UpdateStatus, new { row.Id, row.Version, Status = status, ReceiverReference = receiverReference, Now = now }, ct) == 1;

    public Task TouchAsync(Guid id, DateTimeOffset now, CancellationToken ct) => db.ExecuteAsync(Touch, new { Id = id, Now = now }, ct);
}
