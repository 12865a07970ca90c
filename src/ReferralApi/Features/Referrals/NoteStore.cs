using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Paging;

namespace ReferralApi.Features.Referrals;

/// <summary>Notes between the two parties of a referral; their text is stored sealed.</summary>
internal sealed class NoteStore(Db db, PersonalDataCipher cipher)
{
    /// <summary>Writes nothing once the referral's personal data was erased: a note added then would outlive retention.</summary>
    public const string Insert = """
        INSERT INTO referral_notes (id, referral_id, author_agency_id, text, created_at)
        SELECT @Id, @ReferralId, @AuthorAgencyId, @Text, @CreatedAt FROM referrals
        WHERE id = @ReferralId AND personal_data_erased_at IS NULL
        """;

    public const string SelectOne = """
        SELECT id AS Id, referral_id AS ReferralId, author_agency_id AS AuthorAgencyId, text AS Text, created_at AS CreatedAt
        FROM referral_notes WHERE id = @Id
        """;

    /// <summary>False when the referral's personal data has been erased, and nothing was written.</summary>
    public async Task<bool> InsertAsync(DbConnection connection, DbTransaction transaction, NoteRow row, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(Insert, cipher.Seal(row), transaction, cancellationToken: ct)) == 1;

    public async Task<NoteRow?> FindAsync(Guid id, CancellationToken ct) =>
        await db.ReadAsync((connection, token) => connection.QuerySingleOrDefaultAsync<NoteRow>(
            new CommandDefinition(SelectOne, new { Id = id }, cancellationToken: token)), ct) is { } row ? cipher.Open(row) : null;

    /// <summary>Oldest first, keyset on (created_at, id).</summary>
    public Task<List<NoteRow>> ListAsync(Guid referralId, PageRequest page, DateTimeOffset? afterAt, Guid? afterId, CancellationToken ct)
    {
        var (sql, args) = BuildQuery(db.Dialect, referralId, page, afterAt, afterId);
        return db.ReadAsync(async (connection, token) =>
            (await connection.QueryAsync<NoteRow>(new CommandDefinition(sql, args, cancellationToken: token))).Select(cipher.Open).ToList(), ct);
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
            SELECT id AS Id, referral_id AS ReferralId, author_agency_id AS AuthorAgencyId, text AS Text, created_at AS CreatedAt
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

    public NoteResponse ToResponse() => new(Id, ReferralId, AuthorAgencyId, Text, CreatedAt);
}
