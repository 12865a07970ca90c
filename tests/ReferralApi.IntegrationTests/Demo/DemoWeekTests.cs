using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Deadlines;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Reports;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Demo;

/// <summary>
/// A scripted week on the demo data, read back as Komnas Perempuan's summary report. With
/// <c>REFERRAL_DEMO_WEEK_OUT</c> set the report is written to that file (<c>scripts/demo-week.sh</c>).
/// </summary>
public sealed class DemoWeekTests(DemoWeekFixture fx) : IClassFixture<DemoWeekFixture>
{
    public const string OutputVariable = "REFERRAL_DEMO_WEEK_OUT";

    [Fact]
    public async Task AScriptedWeek_GivesOversightAReportThatAgreesWithWhatHappened()
    {
        var keys = fx.TakeKeys();
        var script = new DemoWeekScript(fx, keys);
        var start = await script.PlayAsync();

        // What the senders see now, referral by referral, to hold the report against.
        var referrals = new List<(string From, JsonNode Referral)>();
        foreach (var (id, sender) in script.Sent)
        {
            referrals.Add((sender, await ReferralSteps.GetAsync(script.Agency(sender), id)));
        }

        var overdue = referrals.Where(r => (bool)r.Referral["overdue"]!).ToList();
        foreach (var group in overdue.GroupBy(r => r.From))
        {
            await OverdueEvents.WaitForAsync(script.Agency(group.Key), [.. group.Select(r => Scenario.IdOf(r.Referral))]);
        }

        using var komnas = fx.CreateClient(keys["KOMNAS-PEREMPUAN"]);
        var from = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = start.AddDays(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var report = await ReportApi.SummaryAsync(komnas, $"?from={from}&to={to}&groupBy=month");

        Assert.True(script.Sent.Count >= 20, $"The week sent only {script.Sent.Count} referrals.");
        Assert.Equal("all", (string?)report["scope"]);
        Assert.Equal(script.Sent.Count, ReportApi.CountOf(report["total"]!));
        Assert.Equal(Published(overdue.Count), ReportApi.CountOf(report["overdue"]!["awaitingAnswer"]!));
        foreach (var cell in report["byStatus"]!.AsArray())
        {
            var happened = referrals.Count(r => (string?)r.Referral["status"] == (string?)cell!["code"]);
            var published = ReportApi.CountOf(cell!);
            Assert.True(published is null || published == happened, $"{cell!["code"]}: {published} published, {happened} happened.");
        }

        if (Environment.GetEnvironmentVariable(OutputVariable) is { Length: > 0 } output)
        {
            await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), Http.Ct);
        }
    }

    private static int? Published(int count) => count is >= 1 and <= 4 ? null : count;
}
