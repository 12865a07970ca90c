using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Seals the personal fields of referrals, their status history and notes with the key ring before
/// they are stored, and opens them after they are read. Each value is bound to its table, row id
/// and column, so a value copied into another row or column fails to open instead of showing one
/// victim's data on another's referral. Rows travel sealed between the database and this type only.
/// Sealed: the subject's full name, birth date, national id, phone, address and safe-contact notes;
/// the referral's reason; the reason, outcome and note of each status change; note texts; and the
/// note of a consent withdrawal; and the display name of the person who acted with a token, in
/// the status history, notes, access log and admin audit log.
/// </summary>
internal sealed class PersonalDataCipher(KeyRing keys)
{
    public const string Referrals = "referrals";
    public const string StatusChanges = "referral_status_changes";
    public const string Notes = "referral_notes";
    public const string ConsentWithdrawals = "consent_withdrawals";
    public const string AccessLog = "access_log";
    public const string AdminAuditLog = "admin_audit_log";

    /// <summary>The acting person's display name, in each table that records the person.</summary>
    public const string PersonNameColumn = "person_name";

    /// <summary>The sealed columns of each table, as the re-encryption command walks them.</summary>
    public static readonly IReadOnlyList<string> ReferralColumns =
    [
        "reason", "subject_full_name", "subject_birth_date", "subject_national_id", "subject_phone", "subject_address", "safe_contact_notes",
    ];

    public static readonly IReadOnlyList<string> StatusChangeColumns = ["reason", "outcome", "note", PersonNameColumn];

    public static readonly IReadOnlyList<string> NoteColumns = ["text", PersonNameColumn];

    /// <summary>The sealed column of the access log and of the admin audit log.</summary>
    public static readonly IReadOnlyList<string> LogColumns = [PersonNameColumn];

    public static readonly IReadOnlyList<string> ConsentWithdrawalColumns = ["note"];

    public static string Context(string table, Guid id, string column) => $"{table}:{id:D}:{column}";

    /// <summary>
    /// The associated data of a value in the access log or the admin audit log. Their rows get their
    /// sequence number only on insert (and one statement writes a row per referral), so the value is
    /// bound to its table and column only: it cannot be moved into another table or column, but could
    /// be into another row of the same log, which the logs' triggers refuse (they are append-only).
    /// </summary>
    public static string LogContext(string table, string column) => $"{table}:{column}";

    public ReferralRow Seal(ReferralRow row) => Apply(row, Seal);

    public ReferralRow Open(ReferralRow row) => Apply(row, Open);

    public StatusChangeRow Seal(StatusChangeRow row) => Apply(row, Seal);

    /// <summary>A move with no free text (most of a history) is returned as it is, not copied.</summary>
    public StatusChangeRow Open(StatusChangeRow row) =>
        row is { Reason: null, Outcome: null, Note: null, PersonName: null } ? row : Apply(row, Open);

    public NoteRow Seal(NoteRow row) => row with
    {
        Text = Seal(Notes, row.Id, "text", row.Text)!,
        PersonName = Seal(Notes, row.Id, PersonNameColumn, row.PersonName),
    };

    public NoteRow Open(NoteRow row) => row with
    {
        Text = Open(Notes, row.Id, "text", row.Text)!,
        PersonName = Open(Notes, row.Id, PersonNameColumn, row.PersonName),
    };

    /// <summary>The acting person's name as the access log or admin audit log stores it (<see cref="LogContext"/>).</summary>
    public string? SealInLog(string table, string? name) => name is null ? null : keys.Protect(name, LogContext(table, PersonNameColumn));

    public string? OpenFromLog(string table, string? name) => name is null ? null : keys.UnprotectString(name, LogContext(table, PersonNameColumn));

    public string? Seal(string table, Guid id, string column, string? value) =>
        value is null ? null : keys.Protect(value, Context(table, id, column));

    /// <summary>Throws <see cref="System.Security.Cryptography.CryptographicException"/> when the value was altered, moved, or its key is gone.</summary>
    public string? Open(string table, Guid id, string column, string? value) =>
        value is null ? null : keys.UnprotectString(value, Context(table, id, column));

    private static ReferralRow Apply(ReferralRow row, Func<string, Guid, string, string?, string?> transform) => row with
    {
        Reason = transform(Referrals, row.Id, "reason", row.Reason)!,
        SubjectFullName = transform(Referrals, row.Id, "subject_full_name", row.SubjectFullName),
        SubjectBirthDate = transform(Referrals, row.Id, "subject_birth_date", row.SubjectBirthDate),
        SubjectNationalId = transform(Referrals, row.Id, "subject_national_id", row.SubjectNationalId),
        SubjectPhone = transform(Referrals, row.Id, "subject_phone", row.SubjectPhone),
        SubjectAddress = transform(Referrals, row.Id, "subject_address", row.SubjectAddress),
        SafeContactNotes = transform(Referrals, row.Id, "safe_contact_notes", row.SafeContactNotes),
    };

    private static StatusChangeRow Apply(StatusChangeRow row, Func<string, Guid, string, string?, string?> transform) => row with
    {
        Reason = transform(StatusChanges, row.Id, "reason", row.Reason),
        Outcome = transform(StatusChanges, row.Id, "outcome", row.Outcome),
        Note = transform(StatusChanges, row.Id, "note", row.Note),
        PersonName = transform(StatusChanges, row.Id, PersonNameColumn, row.PersonName),
    };
}
