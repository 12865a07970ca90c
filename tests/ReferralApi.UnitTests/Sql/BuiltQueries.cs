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
        var entry = new AccessEntry(Now, Agency, Agency, AccessActions.ReadCase, "0af7651916cd43dd8448eb211c80319c", "f3c1-77", "v1.k.sealed");
        var one = AccessRecorder.BuildInsert(Dialect, entry, [Agency]);
        yield return (new SqlStatement("AccessRecorder.BuildInsert(one referral)", one.Sql), one.Args);

        var many = AccessRecorder.BuildInsert(Dialect, entry, [Agency, Guid.CreateVersion7(), Guid.CreateVersion7()]);
        yield return (new SqlStatement("AccessRecorder.BuildInsert(three referrals)", many.Sql), many.Args);

        // The group commit's command: several reads' inserts, each with its own parameter names.
        var reads = Enumerable.Range(0, 3).Select(i => new AccessLogWriter.ReadRecord(entry, [.. Enumerable.Range(0, i + 1).Select(_ => Guid.CreateVersion7())])).ToList();
        var batch = Assert.Single(AccessLogWriter.Commands(Dialect, reads));
        yield return (new SqlStatement("AccessLogWriter.Commands(three reads)", batch.Sql), batch.Args);
    }

    private static IEnumerable<(SqlStatement, DynamicParameters)> Events()
    {
        var typed = EventFeedQuery.Build(Dialect, Agency, new FeedPosition(42, 0), [EventTypes.Accepted, EventTypes.Declined], 100);
        yield return (new SqlStatement("EventFeedQuery.Build(types)", typed.Sql), typed.Args);

        var all = EventFeedQuery.Build(Dialect, Agency, FeedPosition.Start, [], 100);
        yield return (new SqlStatement("EventFeedQuery.Build(all types)", all.Sql), all.Args);
    }
}
