using Dapper;
using ReferralApi.Domain;
using ReferralApi.Features.AccessLog;
using ReferralApi.Features.Agencies;
using ReferralApi.Features.Events;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Reports;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Paging;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// The queries assembled at run time from filters, built for SQL Server with every filter set
/// (and every variant of the filters that change the text), so each fragment is parsed at least once.
/// </summary>
internal static class BuiltQueries
{
    private static readonly SqlDialect Dialect = new SqlServerDialect();
    private static readonly Guid Agency = Guid.Parse("0193a5e0-7b1c-7d2e-9f00-000000000001", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 3, 15, 0, TimeSpan.Zero);

    public static IReadOnlyList<(SqlStatement Statement, DynamicParameters Args)> All() =>
        [.. Referrals(), .. Agencies(), .. Notes(), .. Events(), .. Reports(), .. AccessLog(), .. AccessRecords()];

    private static IEnumerable<(SqlStatement, DynamicParameters)> Referrals()
    {
        var cursor = new PageRequest(50, ["2026-11-28T03:15:00.0000000Z", Agency.ToString()]);
        foreach (var box in new[] { "inbox", "outbox", null })
        {
            foreach (var overdue in new bool?[] { true, false })
            {
                var filter = new ReferralFilter(box, [ReferralStatus.Sent, ReferralStatus.Accepted], Urgency.Urgent, overdue, Now.AddDays(-1));
                var (sql, args) = ReferralStore.BuildListQuery(Dialect, Agency, filter, cursor, Now);
                yield return (new SqlStatement($"ReferralStore.BuildListQuery(box: {box ?? "both"}, overdue: {overdue}, all filters, cursor)", sql), args);
            }
        }

        var sent = ReferralStore.BuildExternalReferenceQuery(Dialect, Agency, ["LP/1/XI/2026", "LP/2/XI/2026"]);
        yield return (new SqlStatement("ReferralStore.BuildExternalReferenceQuery", sent.Sql), sent.Args);

        var exported = ReferralStore.BuildExportQuery(Dialect, Agency, new ReferralFilter("inbox", [ReferralStatus.Accepted], null, null, Now.AddDays(-30)), Now);
        yield return (new SqlStatement("ReferralStore.BuildExportQuery", exported.Sql), exported.Args);

        foreach (var agency in new Guid?[] { Agency, null })
        {
            var simfoni = ReferralStore.BuildSimfoniQuery(agency, Now.AddDays(-30), Now);
            yield return (new SqlStatement($"ReferralStore.BuildSimfoniQuery(agency: {agency is not null})", simfoni.Sql), simfoni.Args);
        }

        var bare = ReferralStore.BuildListQuery(Dialect, Agency, new ReferralFilter(null, [], null, null, null), new PageRequest(50, null), Now);
        yield return (new SqlStatement("ReferralStore.BuildListQuery(no filters)", bare.Sql), bare.Args);
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> Agencies()
    {
        var all = AgencyStore.BuildQuery(
            Dialect, new AgencyFilter(Sector.WomenChildProtection, "61.03.21", Service.LegalAid, "ppa_[50%]\\", IncludeInactive: false, [CapacityStatus.Open, CapacityStatus.Limited]),
            new PageRequest(50, ["UPTD PPA Kalbar", Agency.ToString()]));
        yield return (new SqlStatement("AgencyStore.BuildQuery(all filters, cursor)", all.Sql), all.Args);

        var none = AgencyStore.BuildQuery(Dialect, new AgencyFilter(null, null, null, null, IncludeInactive: true), new PageRequest(50, null));
        yield return (new SqlStatement("AgencyStore.BuildQuery(no filters)", none.Sql), none.Args);
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> Notes()
    {
        var after = NoteStore.BuildQuery(Dialect, Agency, new PageRequest(50, null), Now, Agency);
        yield return (new SqlStatement("NoteStore.BuildQuery(cursor)", after.Sql), after.Args);

        var first = NoteStore.BuildQuery(Dialect, Agency, new PageRequest(50, null), null, null);
        yield return (new SqlStatement("NoteStore.BuildQuery(first page)", first.Sql), first.Args);
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> Reports()
    {
        var narrow = new ReportFilter(Agency, Now.AddMonths(-3), Now, "61.03", Sector.Police, ByMonth: true);
        var wide = new ReportFilter(null, null, Now, null, null, ByMonth: false);
        foreach (var (name, filter) in new[] { ("every filter", narrow), ("no filter", wide) })
        {
            var cube = ReportQuery.Cube(Dialect, filter, Now);
            yield return (new SqlStatement($"ReportQuery.Cube({name})", cube.Sql), cube.Args);
            var milestones = ReportQuery.Milestones(filter);
            yield return (new SqlStatement($"ReportQuery.Milestones({name})", milestones.Sql), milestones.Args);
        }
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> AccessLog()
    {
        var all = AccessLogStore.BuildSearch(Dialect, new AccessLogFilter(Agency, Agency, Now.AddDays(-1), Now), 42, 51);
        yield return (new SqlStatement("AccessLogStore.BuildSearch(all filters)", all.Sql), all.Args);

        var none = AccessLogStore.BuildSearch(Dialect, new AccessLogFilter(null, null, null, null), 0, 51);
        yield return (new SqlStatement("AccessLogStore.BuildSearch(no filters)", none.Sql), none.Args);
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> AccessRecords()
    {
        // A chunk of the access log's multi-row insert, with the parameters it is sent with.
        var rows = Enumerable.Range(0, AccessLogStore.ChunkRows)
            .Select(i => new AccessRow(Now, Agency, Agency, AccessActions.ReadCase, Guid.CreateVersion7(), "f3c1-77", i % 2 == 0 ? null : "0af7651916cd43dd8448eb211c80319c", i % 2 == 0 ? null : "v1.k.sealed"))
            .ToList();
        yield return (new SqlStatement("AccessLogStore.InsertChunk", AccessLogStore.InsertChunk), AccessLogStore.Chunk(rows, 0));
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> Events()
    {
        var typed = EventFeedQuery.Build(Dialect, Agency, new FeedPosition(42, 0), [EventTypes.Accepted, EventTypes.Declined], 100);
        yield return (new SqlStatement("EventFeedQuery.Build(types)", typed.Sql), typed.Args);

        var all = EventFeedQuery.Build(Dialect, Agency, FeedPosition.Start, [], 100);
        yield return (new SqlStatement("EventFeedQuery.Build(all types)", all.Sql), all.Args);
    }
}
