using System.Globalization;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>
/// Reports cannot be differenced down to one referral: time bounds are whole WIB days, months are
/// WIB months, and region filters stop at regency or city.
/// </summary>
public abstract class ReportGranularityTests<TEngine>(ClockedApiFixture<TEngine> fx) : IClassFixture<ClockedApiFixture<TEngine>>
    where TEngine : IEngine
{
    private static readonly TimeSpan Wib = TimeSpan.FromHours(7);

    [Fact]
    public async Task InstantBounds_AreWidenedToWholeWibDays_SoReportsASecondApartAreTheSame()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        for (var i = 0; i < 6; i++)
        {
            await Scenario.SendReferralAsync(police, uptd);
        }

        var sentAt = fx.Clock.GetUtcNow();
        var justBefore = Query(sentAt.AddSeconds(-1));
        var justAfter = Query(sentAt.AddSeconds(1));

        var before = await ReportApi.SummaryAsync(police.Client, $"?from={justBefore}");
        var after = await ReportApi.SummaryAsync(police.Client, $"?from={justAfter}");
        var until = await ReportApi.SummaryAsync(police.Client, $"?to={justBefore}");

        Assert.Equal(6, ReportApi.CountOf(before["total"]!));
        Assert.Equal(6, ReportApi.CountOf(after["total"]!));
        Assert.Equal(6, ReportApi.CountOf(until["total"]!));
        var dayStart = new DateTimeOffset(sentAt.ToOffset(Wib).Date, Wib);
        Assert.Equal(dayStart, DateTimeOffset.Parse((string)after["filters"]!["from"]!, CultureInfo.InvariantCulture));
        Assert.Equal(dayStart.AddDays(1), DateTimeOffset.Parse((string)until["filters"]!["to"]!, CultureInfo.InvariantCulture));
        Assert.Equal(dayStart.AddDays(1), DateTimeOffset.Parse((string)after["filters"]!["to"]!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Months_AreWibMonths_AReferralSentLateOnTheLastUtcDayCountsInTheNextMonth()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();

        // 18:00 UTC on a month's last day is 01:00 WIB on the first of the next.
        var now = fx.Clock.GetUtcNow();
        var firstOfNext = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2);
        fx.Clock.Advance(firstOfNext.AddHours(-6) - now);
        for (var i = 0; i < 5; i++)
        {
            await Scenario.SendReferralAsync(police, uptd);
        }

        var wibMonth = firstOfNext.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var report = await ReportApi.SummaryAsync(police.Client, "?groupBy=month");

        var months = report["months"]!.AsArray();
        Assert.Equal([wibMonth], months.Select(m => (string)m!["month"]!));
        Assert.Equal(5, ReportApi.CountOf(months[0]!["referrals"]!));
    }

    [Theory]
    [InlineData("61.03.21")]
    [InlineData("61.03.21.2001")]
    public async Task RegionFiltersFinerThanARegency_Get400(string regionCode)
    {
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"]);

        using var response = await oversight.Client.GetAsync("/v1/reports/summary?regionCode=" + regionCode, Http.Ct);

        var problem = await Input.ProblemAssert.ExpectValidationAsync(response, "regionCode");
        Assert.Contains("regency", Input.ProblemAssert.Messages(problem, "regionCode").Single(), StringComparison.Ordinal);
    }

    private static string Query(DateTimeOffset instant) =>
        Uri.EscapeDataString(instant.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

public sealed class ReportGranularityTests_Sqlite(ClockedApiFixture<Sqlite> fx) : ReportGranularityTests<Sqlite>(fx);

public sealed class ReportGranularityTests_Postgres(ClockedApiFixture<Postgres> fx) : ReportGranularityTests<Postgres>(fx);

public sealed class ReportGranularityTests_SqlServer(ClockedApiFixture<SqlServer> fx) : ReportGranularityTests<SqlServer>(fx);
