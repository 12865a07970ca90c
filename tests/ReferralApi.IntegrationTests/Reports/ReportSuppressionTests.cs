using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>
/// Small-cell suppression on crafted data: twelve referrals of one police unit, shaped so that
/// every rule shows. No count from 1 to 4 is published, and no hidden count can be had back by
/// subtracting the published cells from the published total.
/// </summary>
public abstract class ReportSuppressionTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    /// <summary>The dimensions whose cells add up to the total.</summary>
    private static readonly string[] Partitions = ["byStatus", "byUrgency", "byRegion", "bySenderSector", "byRecipientSector"];

    [Fact]
    public async Task SmallCells_AreSuppressed_AndSoIsEveryCellThatWouldGiveOneBack()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync(sector: "women_child_protection");
        using var hospital = await fx.CreateAgencyAsync(sector: "health");
        for (var i = 0; i < 12; i++)
        {
            // 8 to the UPTD, 4 to the hospital; 6 stay sent, 5 are accepted, 1 declined;
            // 1 emergency, 2 urgent, 9 routine; 2 from Sanggau, 10 from Sambas; one names physical violence only.
            var to = i < 8 ? uptd : hospital;
            var status = i < 6 ? "sent" : i < 11 ? "accepted" : "declined";
            var index = i;
            await ReferralSteps.InStatusAsync(police, to, status, body =>
            {
                body["urgency"] = index == 0 ? "emergency" : index < 3 ? "urgent" : "routine";
                body["incident"]!["regionCode"] = index < 2 ? "61.03.21" : "61.01";
                if (index == 3)
                {
                    body["violenceTypes"] = new JsonArray("physical");
                    body.Remove("trafficking");
                }
            });
        }

        var report = await ReportApi.SummaryAsync(police.Client);

        Assert.Equal("own", (string?)report["scope"]);
        Assert.Equal(12, ReportApi.CountOf(report["total"]!));
        // Declined (1) alone would be total minus the rest: accepted (5), the next smallest, goes too.
        Assert.Equal(new Dictionary<string, int?> { ["sent"] = 6, ["accepted"] = null, ["declined"] = null }, ReportApi.NonZero(report, "byStatus"));
        // Emergency and urgent (1 + 2) would still be a group of 3: routine goes too.
        Assert.Equal(new Dictionary<string, int?> { ["emergency"] = null, ["urgent"] = null, ["routine"] = null }, ReportApi.NonZero(report, "byUrgency"));
        Assert.Equal(new Dictionary<string, int?> { ["61.01"] = null, ["61.03"] = null }, ReportApi.NonZero(report, "byRegion"));
        Assert.Equal(new Dictionary<string, int?> { ["women_child_protection"] = null, ["health"] = null }, ReportApi.NonZero(report, "byRecipientSector"));
        Assert.Equal(new Dictionary<string, int?> { ["police"] = 12 }, ReportApi.NonZero(report, "bySenderSector"));
        // A referral may name several violence types, so these do not add up to the total: only small cells go.
        Assert.Equal(new Dictionary<string, int?> { ["physical"] = null, ["sexual"] = 11, ["trafficking"] = 11 }, ReportApi.NonZero(report, "byViolenceType"));
        Assert.Equal(new Dictionary<string, int?> { ["psychosocial"] = 12, ["safe_house"] = 12 }, ReportApi.NonZero(report, "byService"));
        AssertNothingRecoverable(report);
    }

    [Fact]
    public async Task ASmallTotal_IsSuppressed_WithEveryNonZeroCell()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        for (var i = 0; i < 3; i++)
        {
            await Scenario.SendReferralAsync(police, uptd);
        }

        var report = await ReportApi.SummaryAsync(police.Client);

        Assert.Null(ReportApi.CountOf(report["total"]!));
        Assert.Equal(new Dictionary<string, int?> { ["sent"] = null }, ReportApi.NonZero(report, "byStatus"));
        Assert.Equal(0, ReportApi.CountOf(report, "byStatus", "accepted"));
        Assert.Equal(0, ReportApi.CountOf(report["hoursToReceive"]!["referrals"]!));
        AssertNothingRecoverable(report);
    }

    [Fact]
    public async Task TheReport_CarriesNoPersonalData()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        for (var i = 0; i < 6; i++)
        {
            await ReferralSteps.InStatusAsync(police, uptd, "accepted");
        }

        using var json = await police.Client.GetAsync("/v1/reports/summary", Http.Ct);
        using var csv = await police.Client.GetAsync("/v1/reports/summary", ("Accept", "text/csv"));
        var text = await json.Content.ReadAsStringAsync(Http.Ct) + await csv.Content.ReadAsStringAsync(Http.Ct);

        foreach (var personal in new[] { "S.A.", "Siti", "6101010104010001", "+62", "Jl. Contoh", "2001-04-01", "Bripka", "LP/" })
        {
            Assert.DoesNotContain(personal, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(police.Id.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(uptd.Id.ToString(), text, StringComparison.Ordinal);
    }

    /// <summary>
    /// What a reader can do with a published total: subtract every published cell of a dimension.
    /// The rest must be hidden in two or more cells and hold at least 5 referrals.
    /// </summary>
    private static void AssertNothingRecoverable(JsonNode report)
    {
        var total = ReportApi.CountOf(report["total"]!);
        foreach (var dimension in Partitions)
        {
            var cells = report[dimension]!.AsArray().Select(c => ReportApi.CountOf(c!)).ToList();
            Assert.DoesNotContain(cells, c => c is >= 1 and <= 4);
            var hidden = cells.Count(c => c is null);
            if (total is { } published && hidden > 0)
            {
                Assert.True(hidden >= 2, $"{dimension}: one hidden cell is the total minus the rest.");
                Assert.True(published - cells.Sum(c => c ?? 0) >= 5, $"{dimension}: the hidden cells hold fewer than 5.");
            }
        }

        foreach (var dimension in new[] { "byViolenceType", "byService" })
        {
            Assert.DoesNotContain(report[dimension]!.AsArray().Select(c => ReportApi.CountOf(c!)), c => c is >= 1 and <= 4);
        }
    }
}

public sealed class ReportSuppressionTests_Sqlite(ApiFixture<Sqlite> fx) : ReportSuppressionTests<Sqlite>(fx);

public sealed class ReportSuppressionTests_Postgres(ApiFixture<Postgres> fx) : ReportSuppressionTests<Postgres>(fx);

public sealed class ReportSuppressionTests_SqlServer(ApiFixture<SqlServer> fx) : ReportSuppressionTests<SqlServer>(fx);
