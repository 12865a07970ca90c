using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Referrals;

/// <summary>
/// Seals the personal fields of referrals, their status history and notes with the key ring before
/// they are stored, and opens them after they are read. Each value is bound to its table, row id
/// and column, so a value copied into another row or column fails to open instead of showing one
/// victim's data on another's referral. Rows travel sealed between the database and this type only.
/// Sealed: the subject's full name, birth date, national id, phone, address and safe-contact notes;
/// the referral's reason; the reason, outcome and note of each status change; note texts; and the
/// note of a consent withdrawal.
/// </summary>
internal sealed class PersonalDataCipher(KeyRing keys)
{
    public const string Referrals = "referrals";
    public const string StatusChanges = "referral_status_changes";
    public const string Notes = "referral_notes";
    public const string ConsentWithdrawals = "consent_withdrawals";

    /// <summary>The sealed columns of each table, as the re-encryption command walks them.</summary>
    public static readonly IReadOnlyList<string> ReferralColumns =
    [
        "reason", "subject_full_name", "subject_birth_date", "subject_national_id", "subject_phone", "subject_address", "safe_contact_notes",
    ];

    public static readonly IReadOnlyList<string> StatusChangeColumns = ["reason", "outcome", "note"];

    public static readonly IReadOnlyList<string> NoteColumns = ["text"];

    public static readonly IReadOnlyList<string> ConsentWithdrawalColumns = ["note"];

    public static string Context(string table, Guid id, string column) => $"{table}:{id:D}:{column}";

    public ReferralRow Seal(ReferralRow row) => Apply(row, Seal);

    public ReferralRow Open(ReferralRow row) => Apply(row, Open);

    public StatusChangeRow Seal(StatusChangeRow row) => Apply(row, Seal);

    public StatusChangeRow Open(StatusChangeRow row) => Apply(row, Open);

    public NoteRow Seal(NoteRow row) => row with { Text = Seal(Notes, row.Id, "text", row.Text)! };

    public NoteRow Open(NoteRow row) => row with { Text = Open(Notes, row.Id, "text", row.Text)! };

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
    };
}
