using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Events;

/// <summary>
/// The feed's read, per engine. Each variant only returns events whose writing transaction has
/// finished, in an order no later commit can slip into, so a client passing back the last
/// position never skips or repeats an event:
/// SQLite has one writer at a time, so insert order (seq) is commit order;
/// PostgreSQL orders by (transaction id, seq) below the oldest running transaction (xmin);
/// SQL Server orders by rowversion below MIN_ACTIVE_ROWVERSION(), read before the rows (see <see cref="SqlServer"/>).
/// </summary>
internal static class EventFeedQuery
{
    private const string Columns = """
        event_id AS EventId, type AS Type, occurred_at AS OccurredAt, referral_id AS ReferralId, case_id AS CaseId,
        status AS Status, version AS Version, actor_agency_id AS ActorAgencyId, attachment_id AS AttachmentId, attachment_kind AS AttachmentKind
        """;

    public static readonly string Sqlite = $"""
        SELECT {Columns}, seq AS Position, 0 AS Tiebreak
        FROM events
        WHERE agency_id = @Agency AND seq > @Position /*types*/
        ORDER BY seq
        LIMIT @Limit
        """;

    public static readonly string Postgres = $"""
        SELECT {Columns}, CAST(CAST(tx AS text) AS bigint) AS Position, seq AS Tiebreak
        FROM events
        WHERE agency_id = @Agency
          AND (tx, seq) > (CAST(CAST(@Position AS text) AS xid8), @Tiebreak)
          AND tx < pg_snapshot_xmin(pg_current_snapshot()) /*types*/
        ORDER BY tx, seq
        LIMIT @Limit
        """;

    /// <summary>
    /// The bound is read into a variable first, then the rows with a locking read. Every row below
    /// the bound belongs to a transaction that had finished when the bound was read, so a read that
    /// starts afterwards sees them all. In one statement the rows could come from a snapshot taken
    /// before the bound (READ_COMMITTED_SNAPSHOT evaluates MIN_ACTIVE_ROWVERSION() later): a writer
    /// committing in between would raise the bound past its own rows without them being read, and
    /// the cursor would move past them for good. READCOMMITTEDLOCK reads committed rows as of now,
    /// whatever the database's or session's isolation settings, so the order of the two reads holds.
    /// </summary>
    public static readonly string SqlServer = $"""
        DECLARE @Bound BINARY(8) = MIN_ACTIVE_ROWVERSION();
        SELECT {Columns}, CAST(rv AS BIGINT) AS Position, CAST(0 AS BIGINT) AS Tiebreak
        FROM events WITH (READCOMMITTEDLOCK)
        WHERE agency_id = @Agency
          AND rv > CAST(@Position AS BINARY(8))
          AND rv < @Bound /*types*/
        ORDER BY rv
        OFFSET 0 ROWS FETCH NEXT @Limit ROWS ONLY;
        """;

    public static (string Sql, DynamicParameters Args) Build(SqlDialect dialect, Guid agency, FeedPosition after, IReadOnlyCollection<string> types, int limit)
    {
        var args = new DynamicParameters();
        args.Add("Agency", agency);
        args.Add("Position", after.Position);
        args.Add("Tiebreak", after.Tiebreak);
        args.Add("Limit", limit);
        var typeFilter = string.Empty;
        if (types.Count > 0)
        {
            typeFilter = "AND " + dialect.InList(args, "type", "Types", types);
        }

        var template = dialect.Provider switch
        {
            DatabaseProvider.Postgres => Postgres,
            DatabaseProvider.SqlServer => SqlServer,
            _ => Sqlite,
        };
        return (template.Replace("/*types*/", typeFilter, StringComparison.Ordinal), args);
    }
}

/// <summary>Where a client stands in its feed: the last event's position (and tiebreak on PostgreSQL).</summary>
internal sealed record FeedPosition(long Position, long Tiebreak)
{
    public static readonly FeedPosition Start = new(0, 0);
}
