using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Referrals;

/// <summary>The export: every referral of an agency's box, oldest change first, read as a stream.</summary>
internal sealed partial class ReferralStore
{
    /// <summary>
    /// The referrals changed after the filter's <c>UpdatedAfter</c> and at or before <paramref name="upTo"/>,
    /// in (updated_at, id) order, personal fields opened one row at a time; nothing is held.
    /// One statement reads them all, so PostgreSQL and SQLite answer from one snapshot; the fixed upper
    /// bound keeps a referral that changes meanwhile from being read a second time on any engine.
    /// </summary>
    public async IAsyncEnumerable<ReferralRow> ExportAsync(
        Guid agency, ReferralFilter filter, DateTimeOffset upTo, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var (sql, args) = BuildExportQuery(db.Dialect, agency, filter, upTo);
        await foreach (var row in db.QueryUnbufferedAsync<ReferralRow>(sql, args, ct))
        {
            yield return cipher.Open(row);
        }
    }

    internal static (string Sql, DynamicParameters Args) BuildExportQuery(SqlDialect dialect, Guid agency, ReferralFilter filter, DateTimeOffset upTo)
    {
        var args = new DynamicParameters();
        var where = Conditions(dialect, args, agency, filter, upTo);
        where.Add("updated_at <= @UpTo");
        args.Add("UpTo", upTo);
        var sql = $"""
            SELECT {ReferralRow.Columns} FROM referrals
            WHERE {string.Join(" AND ", where)}
            ORDER BY updated_at, id
            """;
        return (sql, args);
    }
}
