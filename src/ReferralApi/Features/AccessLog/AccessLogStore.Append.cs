using System.Globalization;
using System.Text;
using Dapper;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// Appending rows. Every statement is fixed text, so each engine prepares and plans it once
/// however many rows travel. A referral id that names no referral writes no row.
/// </summary>
internal sealed partial class AccessLogStore
{
    /// <summary>Rows in one <see cref="InsertChunk"/>: 400 parameters, well under SQL Server's 2,100.</summary>
    internal const int ChunkRows = 50;

    /// <summary>One row, executed once per row (SQLite and SQL Server reuse the prepared command).</summary>
    internal const string InsertOne = """
        INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
        SELECT @At, @AgencyId, @KeyId, @Action, id, @CorrelationId, @PersonSub, @PersonName
        FROM referrals WHERE id = @ReferralId
        """;

    /// <summary>Any number of rows as one statement over one array per column (PostgreSQL).</summary>
    internal const string InsertArrays = """
        INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
        SELECT r.at, r.agency_id, r.key_id, r.action, r.referral_id, r.correlation_id, r.person_sub, r.person_name
        FROM unnest(@At, @AgencyId, @KeyId, @Action, @ReferralId, @CorrelationId, @PersonSub, @PersonName)
            AS r (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
        WHERE EXISTS (SELECT 1 FROM referrals f WHERE f.id = r.referral_id)
        """;

    /// <summary>
    /// <see cref="ChunkRows"/> rows in one statement, for engines without arrays: a large read (a
    /// list, an export page) then costs a round trip per 50 rows rather than per row.
    /// </summary>
    internal static readonly string InsertChunk = BuildChunk();

    /// <summary>Within the unit's transaction when one is open.</summary>
    public async Task AppendAsync(IReadOnlyList<AccessRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Dialect.BindsArrays)
        {
            await db.ExecuteAsync(InsertArrays, ColumnArrays(rows), ct);
            return;
        }

        var whole = rows.Count - (rows.Count % ChunkRows);
        for (var first = 0; first < whole; first += ChunkRows)
        {
            await db.ExecuteAsync(InsertChunk, Chunk(rows, first), ct);
        }

        if (whole < rows.Count)
        {
            await db.ExecuteAsync(InsertOne, rows.Skip(whole), ct);
        }
    }

    /// <summary>The rows turned into one array per column, for <see cref="InsertArrays"/>.</summary>
    internal static object ColumnArrays(IReadOnlyList<AccessRow> rows)
    {
        var at = new DateTimeOffset[rows.Count];
        var agency = new Guid[rows.Count];
        var key = new Guid[rows.Count];
        var action = new string[rows.Count];
        var referral = new Guid[rows.Count];
        var correlation = new string[rows.Count];
        var personSub = new string?[rows.Count];
        var personName = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            (at[i], agency[i], key[i], action[i]) = (row.At, row.AgencyId, row.KeyId, row.Action);
            (referral[i], correlation[i], personSub[i], personName[i]) = (row.ReferralId, row.CorrelationId, row.PersonSub, row.PersonName);
        }

        return new
        {
            At = at, AgencyId = agency, KeyId = key, Action = action, ReferralId = referral,
            CorrelationId = correlation, PersonSub = personSub, PersonName = personName,
        };
    }

    /// <summary>The parameters of <see cref="InsertChunk"/> for the rows from <paramref name="first"/> on.</summary>
    internal static DynamicParameters Chunk(IReadOnlyList<AccessRow> rows, int first)
    {
        var args = new DynamicParameters();
        for (var i = 0; i < ChunkRows; i++)
        {
            var row = rows[first + i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            args.Add("At" + n, row.At);
            args.Add("AgencyId" + n, row.AgencyId);
            args.Add("KeyId" + n, row.KeyId);
            args.Add("Action" + n, row.Action);
            args.Add("ReferralId" + n, row.ReferralId);
            args.Add("CorrelationId" + n, row.CorrelationId);
            args.Add("PersonSub" + n, row.PersonSub);
            args.Add("PersonName" + n, row.PersonName);
        }

        return args;
    }

    /// <summary>A SELECT per row joined by UNION ALL: the one multi-row form SQLite and SQL Server share.</summary>
    private static string BuildChunk()
    {
        var sql = new StringBuilder("""
            INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id, person_sub, person_name)
            SELECT r.at, r.agency_id, r.key_id, r.action, r.referral_id, r.correlation_id, r.person_sub, r.person_name
            FROM (
            """);
        for (var i = 0; i < ChunkRows; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "\n    SELECT " : "\n    UNION ALL SELECT ")
                .Append($"@At{n} AS at, @AgencyId{n} AS agency_id, @KeyId{n} AS key_id, @Action{n} AS action, @ReferralId{n} AS referral_id, ")
                .Append($"@CorrelationId{n} AS correlation_id, @PersonSub{n} AS person_sub, @PersonName{n} AS person_name");
        }

        return sql.Append("\n) r\nWHERE EXISTS (SELECT 1 FROM referrals f WHERE f.id = r.referral_id)").ToString();
    }
}

/// <summary>One access-log row; <see cref="PersonName"/> is already sealed.</summary>
internal sealed record AccessRow(
    DateTimeOffset At, Guid AgencyId, Guid KeyId, string Action, Guid ReferralId, string CorrelationId, string? PersonSub, string? PersonName)
{
    /// <summary>One row per referral of <paramref name="entry"/>, each referral once; a single referral, the usual read, needs no set to find them.</summary>
    public static AccessRow[] For(AccessEntry entry, IReadOnlyCollection<Guid> referralIds)
    {
        if (referralIds is IReadOnlyList<Guid> { Count: 1 } one)
        {
            return [Of(entry, one[0])];
        }

        return [.. referralIds.Distinct().Select(id => Of(entry, id))];
    }

    private static AccessRow Of(AccessEntry entry, Guid referralId) =>
        new(entry.At, entry.AgencyId, entry.KeyId, entry.Action, referralId, entry.CorrelationId, entry.PersonSub, entry.SealedPersonName);
}
