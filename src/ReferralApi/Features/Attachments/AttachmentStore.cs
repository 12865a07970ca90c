using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// The owner of the <c>attachments</c> table. A row is written when an upload starts and becomes
/// visible only when <see cref="CompleteAsync"/> sets <c>uploaded_at</c>; the file name is sealed.
/// </summary>
internal sealed class AttachmentStore(UnitOfWork db, PersonalDataCipher cipher)
{
    public const string Table = "attachments";
    public const string FileNameColumn = "file_name";

    private const string Columns = """
        id AS Id, referral_id AS ReferralId, kind AS Kind, file_name AS FileName, content_type AS ContentType, size AS Size,
        sha256 AS Sha256, chunk_count AS ChunkCount, uploaded_by_agency_id AS UploadedByAgencyId, started_at AS StartedAt,
        uploaded_at AS UploadedAt, deleted_at AS DeletedAt, deleted_by_agency_id AS DeletedByAgencyId, contents_erased_at AS ContentsErasedAt
        """;

    public const string InsertStarted = """
        INSERT INTO attachments (id, referral_id, kind, size, chunk_count, uploaded_by_agency_id, started_at)
        VALUES (@Id, @ReferralId, @Kind, 0, 0, @UploadedByAgencyId, @StartedAt)
        """;

    /// <summary>
    /// Makes the upload visible, unless the referral's limits would be passed or its personal data
    /// was erased meanwhile. The caller has locked the referral's row first, so two uploads to one
    /// referral are judged one after the other.
    /// </summary>
    public const string Complete = """
        UPDATE attachments
        SET file_name = @FileName, content_type = @ContentType, size = @Size, sha256 = @Sha256, chunk_count = @ChunkCount, uploaded_at = @UploadedAt
        WHERE id = @Id AND uploaded_at IS NULL
          AND (SELECT COUNT(*) FROM attachments a WHERE a.referral_id = @ReferralId AND a.uploaded_at IS NOT NULL AND a.deleted_at IS NULL) < @MaxFiles
          AND (SELECT COALESCE(SUM(a.size), 0) FROM attachments a WHERE a.referral_id = @ReferralId AND a.uploaded_at IS NOT NULL AND a.deleted_at IS NULL) + @Size <= @MaxBytes
          AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = @ReferralId AND r.personal_data_erased_at IS NULL)
        """;

    public const string SelectLive = """
        SELECT COUNT(*) AS Files, COALESCE(SUM(size), 0) AS Bytes FROM attachments
        WHERE referral_id = @ReferralId AND uploaded_at IS NOT NULL AND deleted_at IS NULL
        """;

    public const string SelectOne = "SELECT " + Columns + " FROM attachments WHERE id = @Id AND referral_id = @ReferralId AND uploaded_at IS NOT NULL";

    public const string SelectForReferral = "SELECT " + Columns + " FROM attachments WHERE referral_id = @ReferralId AND uploaded_at IS NOT NULL ORDER BY uploaded_at, id";

    public const string MarkDeleted = """
        UPDATE attachments SET deleted_at = @Now, deleted_by_agency_id = @AgencyId, file_name = NULL
        WHERE id = @Id AND deleted_at IS NULL
        """;

    public const string DeleteUnfinished = "DELETE FROM attachments WHERE id = @Id AND uploaded_at IS NULL";

    /// <summary>Uploads that never completed: their client went away, or the instance stopped mid-way.</summary>
    public const string SelectAbandoned = "SELECT id FROM attachments WHERE uploaded_at IS NULL AND started_at < @Before";

    public const string SelectWithContents = "SELECT id FROM attachments WHERE referral_id = @ReferralId AND contents_erased_at IS NULL";

    public const string MarkErased = "UPDATE attachments SET contents_erased_at = @Now, file_name = NULL WHERE id = @Id AND contents_erased_at IS NULL";

    /// <summary>
    /// Attachments are refused once a referral is erased, but one completed in the same instant can
    /// still commit after it: every retention pass finds such referrals and erases them too.
    /// </summary>
    public const string SelectErasedWithContents = """
        SELECT DISTINCT a.referral_id FROM attachments a
        JOIN referrals r ON r.id = a.referral_id
        WHERE r.personal_data_erased_at IS NOT NULL AND a.contents_erased_at IS NULL
        """;

    public Task StartAsync(AttachmentRow row, CancellationToken ct) => db.ExecuteAsync(InsertStarted, row, ct);

    /// <summary>False when a limit would be passed or the referral was erased: nothing changed.</summary>
    public async Task<bool> CompleteAsync(AttachmentRow row, int maxFiles, long maxBytes, CancellationToken ct) =>
        await db.ExecuteAsync(Complete, new
        {
            row.Id, row.ReferralId, FileName = cipher.Seal(Table, row.Id, FileNameColumn, row.FileName), row.ContentType, row.Size, row.Sha256,
            row.ChunkCount, row.UploadedAt, MaxFiles = maxFiles, MaxBytes = maxBytes,
        }, ct) == 1;

    /// <summary>How many live (not deleted) files the referral carries, and their bytes.</summary>
    public Task<LiveAttachments> LiveAsync(Guid referralId, CancellationToken ct) =>
        db.QuerySingleAsync<LiveAttachments>(SelectLive, new { ReferralId = referralId }, ct);

    public async Task<AttachmentRow?> FindAsync(Guid referralId, Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<AttachmentRow>(SelectOne, new { Id = id, ReferralId = referralId }, ct) is { } row ? Open(row) : null;

    public async Task<IReadOnlyList<AttachmentRow>> ListAsync(Guid referralId, CancellationToken ct) =>
        [.. (await db.QueryAsync<AttachmentRow>(SelectForReferral, new { ReferralId = referralId }, ct)).Select(Open)];

    /// <summary>False when it was already deleted.</summary>
    public async Task<bool> MarkDeletedAsync(Guid id, Guid agency, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(MarkDeleted, new { Id = id, AgencyId = agency, Now = now }, ct) == 1;

    public Task DeleteUnfinishedAsync(Guid id, CancellationToken ct) => db.ExecuteAsync(DeleteUnfinished, new { Id = id }, ct);

    public Task<IReadOnlyList<Guid>> AbandonedAsync(DateTimeOffset before, CancellationToken ct) =>
        db.QueryAsync<Guid>(SelectAbandoned, new { Before = before }, ct);

    public Task<IReadOnlyList<Guid>> WithContentsAsync(Guid referralId, CancellationToken ct) =>
        db.QueryAsync<Guid>(SelectWithContents, new { ReferralId = referralId }, ct);

    public Task MarkErasedAsync(Guid id, DateTimeOffset now, CancellationToken ct) => db.ExecuteAsync(MarkErased, new { Id = id, Now = now }, ct);

    public Task<IReadOnlyList<Guid>> ErasedReferralsWithContentsAsync(CancellationToken ct) => db.QueryAsync<Guid>(SelectErasedWithContents, null, ct);

    private AttachmentRow Open(AttachmentRow row) => row with { FileName = cipher.Open(Table, row.Id, FileNameColumn, row.FileName) };
}

/// <summary>The files a referral carries now, for its limits.</summary>
internal sealed record LiveAttachments
{
    public long Files { get; init; }

    public long Bytes { get; init; }
}
