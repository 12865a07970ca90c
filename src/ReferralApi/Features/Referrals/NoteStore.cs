using Dapper;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Referrals;

/// <summary>Notes between the two parties of a referral; their text is stored sealed.</summary>
internal sealed class NoteStore(UnitOfWork db, PersonalDataCipher cipher)
{
    /// <summary>Writes nothing once the referral's personal data was erased: a note added then would outlive retention.</summary>
    public const string Insert = """
        INSERT INTO referral_notes (id, referral_id, author_agency_id, text, created_at, person_sub, person_name)
        SELECT @Id, @ReferralId, @AuthorAgencyId, @Text, @CreatedAt, @PersonSub, @PersonName FROM referrals
        WHERE id = @ReferralId AND personal_data_erased_at IS NULL
        """;

    public const string SelectOne = """
        SELECT id AS Id, referral_id AS ReferralId, author_agency_id AS AuthorAgencyId, text AS Text, created_at AS CreatedAt,
               person_sub AS PersonSub, person_name AS PersonName
        FROM referral_notes WHERE id = @Id
        """;

    public const string DeleteNotes = "DELETE FROM referral_notes WHERE referral_id = @Id";

    /// <summary>
    /// Notes are refused once a referral is erased, but one written in the same instant as the
    /// erasure can still commit after it; every retention pass finds such referrals and deletes their
    /// notes, on the referral's schedule.
    /// </summary>
    public const string SelectErasedWithNotes = """
        SELECT DISTINCT n.referral_id FROM referral_notes n
        JOIN referrals r ON r.id = n.referral_id
        WHERE r.personal_data_erased_at IS NOT NULL
        """;

    /// <summary>False when the referral's personal data has been erased, and nothing was written.</summary>
    public async Task<bool> InsertAsync(NoteRow row, CancellationToken ct) => await db.ExecuteAsync(Insert, cipher.Seal(row), ct) == 1;

    public async Task<NoteRow?> FindAsync(Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<NoteRow>(SelectOne, new { Id = id }, ct) is { } row ? cipher.Open(row) : null;

    /// <summary>Oldest first, keyset on (created_at, id).</summary>
    public async Task<List<NoteRow>> ListAsync(Guid referralId, PageRequest page, DateTimeOffset? afterAt, Guid? afterId, CancellationToken ct)
    {
        var (sql, args) = BuildQuery(db.Dialect, referralId, page, afterAt, afterId);
        return [.. (await db.QueryAsync<NoteRow>(sql, args, ct)).Select(cipher.Open)];
    }

    /// <summary>Every note of the referral; part of its erasure, in its transaction.</summary>
    public Task DeleteAllAsync(Guid referralId, CancellationToken ct) => db.ExecuteAsync(DeleteNotes, new { Id = referralId }, ct);

    /// <summary>Deletes the notes of referrals already erased (see <see cref="SelectErasedWithNotes"/>), one referral at a time.</summary>
    public async Task DeleteLateNotesAsync(CancellationToken ct)
    {
        var referrals = await db.QueryAsync<Guid>(SelectErasedWithNotes, null, ct);
        foreach (var id in referrals)
        {
            await DeleteAllAsync(id, ct);
        }
    }

    /// <summary>The notes query for one page; separate so its SQL can be checked without a database.</summary>
    internal static (string Sql, DynamicParameters Args) BuildQuery(SqlDialect dialect, Guid referralId, PageRequest page, DateTimeOffset? afterAt, Guid? afterId)
    {
        var args = new DynamicParameters();
        args.Add("ReferralId", referralId);
        args.Add("Limit", page.Limit + 1);
        var after = string.Empty;
        if (afterAt is not null)
        {
            after = "AND (created_at > @AfterAt OR (created_at = @AfterAt AND id > @AfterId))";
            args.Add("AfterAt", afterAt.Value);
            args.Add("AfterId", afterId);
        }

        var sql = $"""
            SELECT id AS Id, referral_id AS ReferralId, author_agency_id AS AuthorAgencyId, text AS Text, created_at AS CreatedAt,
                   person_sub AS PersonSub, person_name AS PersonName
            FROM referral_notes
            WHERE referral_id = @ReferralId
            {after}
            ORDER BY created_at, id
            {dialect.Limit("@Limit")}
            """;
        return (sql, args);
    }
}

/// <summary>One <c>referral_notes</c> row.</summary>
internal sealed record NoteRow
{
    public Guid Id { get; init; }

    public Guid ReferralId { get; init; }

    public Guid AuthorAgencyId { get; init; }

    public string Text { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The person who wrote it with a token (<c>sub</c>); null for a key.</summary>
    public string? PersonSub { get; init; }

    /// <summary>Their display name; sealed at rest.</summary>
    public string? PersonName { get; init; }

    public NoteResponse ToResponse() => new(Id, ReferralId, AuthorAgencyId, Text, CreatedAt, ActingPerson.Of(PersonSub, PersonName));
}
