using Dapper;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// The owner of <c>access_log</c>. Reads come oldest first, keyset paginated on its sequence
/// number, with the person's name opened; rows are appended by <see cref="AppendAsync"/>.
/// </summary>
internal sealed partial class AccessLogStore(UnitOfWork db, PersonalDataCipher cipher)
{
    private const string Columns = """
        SELECT seq AS Seq, at AS At, agency_id AS AgencyId, key_id AS KeyId, action AS Action,
               referral_id AS ReferralId, correlation_id AS CorrelationId, person_sub AS PersonSub, person_name AS PersonName
        FROM access_log
        """;

    internal static string SelectForReferral(SqlDialect dialect) => $"""
        {Columns}
        WHERE referral_id = @ReferralId AND seq > @AfterSeq
        ORDER BY seq
        {dialect.Limit("@Limit")}
        """;

    public async Task<IReadOnlyList<AccessLogRow>> ForReferralAsync(Guid referralId, long afterSeq, int limit, CancellationToken ct) =>
        Opened(await db.QueryAsync<AccessLogRow>(db.Dialect.Built(SelectForReferral), new { ReferralId = referralId, AfterSeq = afterSeq, Limit = limit }, ct));

    public async Task<IReadOnlyList<AccessLogRow>> SearchAsync(AccessLogFilter filter, long afterSeq, int limit, CancellationToken ct)
    {
        var (sql, args) = BuildSearch(db.Dialect, filter, afterSeq, limit);
        return Opened(await db.QueryAsync<AccessLogRow>(sql, args, ct));
    }

    private List<AccessLogRow> Opened(IReadOnlyList<AccessLogRow> rows) =>
        [.. rows.Select(r => r with { PersonName = cipher.OpenFromLog(PersonalDataCipher.AccessLog, r.PersonName) })];

    /// <summary>The administrators' query for one page; separate so its SQL can be checked without a database.</summary>
    internal static (string Sql, DynamicParameters Args) BuildSearch(SqlDialect dialect, AccessLogFilter filter, long afterSeq, int limit)
    {
        var args = new DynamicParameters();
        var where = new List<string> { "seq > @AfterSeq" };
        args.Add("AfterSeq", afterSeq);
        if (filter.AgencyId is { } agency)
        {
            where.Add("agency_id = @AgencyId");
            args.Add("AgencyId", agency);
        }

        if (filter.ReferralId is { } referral)
        {
            where.Add("referral_id = @ReferralId");
            args.Add("ReferralId", referral);
        }

        if (filter.From is { } from)
        {
            where.Add("at >= @From");
            args.Add("From", from);
        }

        if (filter.To is { } to)
        {
            where.Add("at < @To");
            args.Add("To", to);
        }

        args.Add("Limit", limit);
        var sql = $"""
            {Columns}
            WHERE {string.Join(" AND ", where)}
            ORDER BY seq
            {dialect.Limit("@Limit")}
            """;
        return (sql, args);
    }
}
