using System.Globalization;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>
/// The figures that depend on time, with the clock moved by the test: hours to receipt and to an
/// answer from the status history, overdue counts, and the monthly series. Each test reports on
/// its own agencies, so the clock moves of the others do not matter.
/// </summary>
public abstract class ReportTimingTests<TEngine>(ClockedApiFixture<TEngine> fx) : IClassFixture<ClockedApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task HoursToReceiveAndToAnswer_AreTheMedianAnd90thPercentile_OfTheStatusHistory()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Scenario.IdOf(await Scenario.SendReferralAsync(police, uptd)));
        }

        // Received after 1, 2, 3, 4 and 5 hours; answered after 2, 4, 6, 8 and 10.
        var steps = new Dictionary<int, (int Referral, string Decision)[]>
        {
            [1] = [(0, "received")],
            [2] = [(1, "received"), (0, "accepted")],
            [3] = [(2, "received")],
            [4] = [(3, "received"), (1, "declined")],
            [5] = [(4, "received")],
            [6] = [(2, "accepted")],
            [8] = [(3, "accepted")],
            [10] = [(4, "accepted")],
        };
        for (var hour = 1; hour <= 10; hour++)
        {
            fx.Clock.Advance(TimeSpan.FromHours(1));
            foreach (var (referral, decision) in steps.GetValueOrDefault(hour, []))
            {
                await Scenario.AcknowledgeAsync(uptd, ids[referral], decision);
            }
        }

        var report = await ReportApi.SummaryAsync(police.Client);

        Assert.Equal(5, ReportApi.CountOf(report["hoursToReceive"]!["referrals"]!));
        Assert.Equal(3.0, (double)report["hoursToReceive"]!["medianHours"]!);
        Assert.Equal(4.6, (double)report["hoursToReceive"]!["p90Hours"]!);
        Assert.Equal(5, ReportApi.CountOf(report["hoursToAnswer"]!["referrals"]!));
        Assert.Equal(6.0, (double)report["hoursToAnswer"]!["medianHours"]!);
        Assert.Equal(9.2, (double)report["hoursToAnswer"]!["p90Hours"]!);
        using var csv = await police.Client.GetAsync("/v1/reports/summary", ("Accept", "text/csv, application/json;q=0.5"));
        CsvAssert.SameFigures(report, await csv.Content.ReadAsStringAsync(Http.Ct));
    }

    [Fact]
    public async Task HoursOfFewerThanFiveReferrals_AreWithheld()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        for (var i = 0; i < 6; i++)
        {
            var id = Scenario.IdOf(await Scenario.SendReferralAsync(police, uptd));
            if (i < 4)
            {
                fx.Clock.Advance(TimeSpan.FromHours(1));
                await Scenario.AcknowledgeAsync(uptd, id, "accepted");
            }
        }

        var answered = (await ReportApi.SummaryAsync(police.Client))["hoursToAnswer"]!;

        Assert.True((bool)answered["suppressed"]!);
        Assert.Null(ReportApi.CountOf(answered["referrals"]!));
        Assert.Null((double?)answered["medianHours"]);
        Assert.Null((double?)answered["p90Hours"]);
    }

    [Fact]
    public async Task Overdue_CountsReferralsAwaitingAnAnswer_AndThoseAnsweredLate()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 13; i++)
        {
            ids.Add(Scenario.IdOf(await Scenario.SendReferralAsync(police, uptd, b => b["urgency"] = "emergency")));
        }

        fx.Clock.Advance(TimeSpan.FromHours(23));
        foreach (var id in ids.Take(3))
        {
            await Scenario.AcknowledgeAsync(uptd, id, "accepted");
        }

        fx.Clock.Advance(TimeSpan.FromHours(2));
        foreach (var id in ids.Skip(3).Take(5))
        {
            await Scenario.AcknowledgeAsync(uptd, id, "declined");
        }

        var overdue = (await ReportApi.SummaryAsync(police.Client))["overdue"]!;

        Assert.Equal(5, ReportApi.CountOf(overdue["awaitingAnswer"]!));
        Assert.Equal(5, ReportApi.CountOf(overdue["answeredLate"]!));
    }

    [Fact]
    public async Task GroupByMonth_GivesEveryMonthOfThePeriod_AndTheCsvTheSameFigures()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        var start = fx.Clock.GetUtcNow();
        for (var i = 0; i < 6; i++)
        {
            await Scenario.SendReferralAsync(police, uptd, b => b["urgency"] = "routine");
        }

        fx.Clock.Advance(TimeSpan.FromDays(62));
        for (var i = 0; i < 7; i++)
        {
            await Scenario.SendReferralAsync(police, uptd, b => b["urgency"] = "routine");
        }

        var wib = TimeSpan.FromHours(7);
        var query = "?groupBy=month&from=" + start.ToOffset(wib).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await ReportApi.SummaryAsync(police.Client, query);
        using var csvResponse = await police.Client.GetAsync("/v1/reports/summary" + query, ("Accept", "text/csv"));
        var csv = await csvResponse.Content.ReadAsStringAsync(Http.Ct);

        var months = report["months"]!.AsArray();
        var expected = new List<string>();
        var startWib = start.ToOffset(wib);
        for (var month = new DateTime(startWib.Year, startWib.Month, 1); month <= fx.Clock.GetUtcNow().ToOffset(wib).DateTime; month = month.AddMonths(1))
        {
            expected.Add(month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        }

        Assert.Equal(expected, months.Select(m => (string)m!["month"]!));
        Assert.Equal(6, ReportApi.CountOf(months[0]!["referrals"]!));
        Assert.Equal(7, ReportApi.CountOf(months[^1]!["referrals"]!));
        Assert.All(months.Skip(1).SkipLast(1), m => Assert.Equal(0, ReportApi.CountOf(m!["referrals"]!)));
        Assert.Equal(6, ReportApi.CountOf(months[0]!["overdue"]!));
        Assert.Equal(0, ReportApi.CountOf(months[^1]!["overdue"]!));
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        CsvAssert.SameFigures(report, csv);
    }
}

public sealed class ReportTimingTests_Sqlite(ClockedApiFixture<Sqlite> fx) : ReportTimingTests<Sqlite>(fx);

public sealed class ReportTimingTests_Postgres(ClockedApiFixture<Postgres> fx) : ReportTimingTests<Postgres>(fx);

public sealed class ReportTimingTests_SqlServer(ClockedApiFixture<SqlServer> fx) : ReportTimingTests<SqlServer>(fx);
