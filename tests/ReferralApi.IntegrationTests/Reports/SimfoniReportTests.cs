using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Reliability;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>
/// <c>GET /v1/reports/simfoni</c>: a month in SIMFONI-PPA's categories, one victim per case however
/// long its referral chain, with the summary report's small-cell suppression.
/// </summary>
public abstract class SimfoniReportTests<TEngine>(ClockedApiFixture<TEngine> fx) : IClassFixture<ClockedApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AReferralChain_CountsAsOneVictim_InSimfoniCategories()
    {
        var month = ThisMonthWithRoom();
        using var police = await fx.CreateAgencyAsync(services: ["law_enforcement"]);
        using var shelter = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync(services: ["medical"]);
        for (var i = 0; i < 6; i++)
        {
            await SendChainAsync(police, shelter, hospital, age: 19);
        }

        var report = await ReportAsync(shelter, month);

        Assert.Equal("own", (string?)report["scope"]);
        Assert.Equal(6, (int?)report["victims"]!["count"]);
        Assert.Equal(6, Cell(report, "bySex", "Perempuan"));
        Assert.Equal(0, Cell(report, "bySex", "Laki-laki"));
        Assert.Equal(6, Cell(report, "byAgeGroup", "18-24"));
        Assert.Equal(0, Cell(report, "byAgeGroup", "6-12"));
        Assert.Equal(6, Cell(report, "byPlace", "Tempat Kerja"));
        Assert.Equal(6, Cell(report, "byViolenceForm", "Seksual"));
        Assert.Equal(6, Cell(report, "byViolenceForm", "Trafficking"));
        Assert.Equal(6, Cell(report, "byViolenceForm", "Fisik"));
        Assert.Equal(6, Cell(report, "byService", "Kesehatan"));
        Assert.Equal(0, Cell(report, "byService", "Bantuan Hukum"));
        Assert.Contains("SIMFONI-PPA", (string?)report["source"], StringComparison.Ordinal);

        // The hospital is party to the onward referrals only: the same six victims, first seen there.
        var hospitalReport = await ReportAsync(hospital, month);
        Assert.Equal(6, (int?)hospitalReport["victims"]!["count"]);
        Assert.Equal(6, Cell(hospitalReport, "byViolenceForm", "Fisik"));
        Assert.Equal(0, Cell(hospitalReport, "byViolenceForm", "Seksual"));
    }

    [Fact]
    public async Task FewerThanFiveVictims_AreSuppressed_AndSoIsEveryCellTheyFill()
    {
        var month = ThisMonthWithRoom();
        using var police = await fx.CreateAgencyAsync(services: ["law_enforcement"]);
        using var shelter = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync(services: ["medical"]);
        await SendChainAsync(police, shelter, hospital, age: 30);
        await SendChainAsync(police, shelter, hospital, age: 31);

        var report = await ReportAsync(police, month);
        using var csv = await police.Client.GetAsync($"/v1/reports/simfoni?year={month.Year}&month={month.Month}", ("Accept", "text/csv"));
        var text = await csv.Content.ReadAsStringAsync(Http.Ct);

        Assert.Null((int?)report["victims"]!["count"]);
        Assert.True((bool)report["victims"]!["suppressed"]!);
        foreach (var dimension in new[] { "bySex", "byAgeGroup", "byPlace", "byViolenceForm", "byService" })
        {
            Assert.All(report[dimension]!.AsArray(), cell => Assert.True(cell!["count"] is null || (int)cell["count"]! == 0, $"{dimension}: {cell!.ToJsonString()}"));
        }

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("section,category,victims,suppressed\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nvictims,,,true\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nage_group,25-44,,true\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\r\nsex,Laki-laki,0,false\r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("month=11", "year")]
    [InlineData("year=2026", "month")]
    [InlineData("year=2026&month=13", "month")]
    [InlineData("year=1999&month=1", "year")]
    [InlineData("year=twenty&month=1", "year")]
    public async Task BadPeriod_Returns400NamingIt(string query, string parameter)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync($"/v1/reports/simfoni?{query}", Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, parameter);
    }

    [Fact]
    public async Task TheAdminKey_HasNoReport()
    {
        using var admin = fx.CreateAdminClient();

        using var response = await admin.GetAsync("/v1/reports/simfoni?year=2026&month=11", Http.Ct);

        await response.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    /// <summary>The WIB month now, an hour or more before it ends, so the test's referrals all fall in it.</summary>
    private DateOnly ThisMonthWithRoom()
    {
        var wib = fx.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var end = new DateTimeOffset(wib.Year, wib.Month, 1, 0, 0, 0, wib.Offset).AddMonths(1);
        if (end - wib < TimeSpan.FromHours(1))
        {
            fx.Clock.Advance(TimeSpan.FromHours(2));
            wib = fx.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        }

        return new DateOnly(wib.Year, wib.Month, 1);
    }

    /// <summary>Police → shelter (accepted; asks for medical care), then shelter → hospital onward (physical violence, accepted).</summary>
    private static async Task SendChainAsync(TestAgency police, TestAgency shelter, TestAgency hospital, int age)
    {
        var first = Scenario.IdOf(await Scenario.SendReferralAsync(police, shelter, b =>
        {
            b["servicesRequested"] = new JsonArray("medical", "psychosocial");
            b["subject"]!["birthDate"] = null;
            b["subject"]!["ageYears"] = age;
            if (age < 18)
            {
                b["consent"]!["givenBy"] = "guardian";
            }
        }));
        await Scenario.AcknowledgeAsync(shelter, first, "accepted");
        var onward = Scenario.IdOf(await Scenario.SendReferralAsync(shelter, hospital, b =>
        {
            b["previousReferralId"] = first.ToString();
            b["violenceTypes"] = new JsonArray("physical");
            b["servicesRequested"] = new JsonArray("medical");
            b.Remove("trafficking");
            b["incident"]!["place"] = "household";
            b["legalBasis"] = "legal_obligation";
            b.Remove("consent");
        }));
        await Scenario.AcknowledgeAsync(hospital, onward, "accepted");
    }

    private static async Task<JsonNode> ReportAsync(TestAgency agency, DateOnly month)
    {
        using var response = await agency.Client.GetAsync($"/v1/reports/simfoni?year={month.Year}&month={month.Month}", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    private static JsonNode Find(JsonNode report, string dimension, string category) =>
        report[dimension]!.AsArray().Single(c => (string?)c!["code"] == category)!;

    private static int? Cell(JsonNode report, string dimension, string category) => (int?)Find(report, dimension, category)["count"];
}

public sealed class SimfoniReportTests_Sqlite(ClockedApiFixture<Sqlite> fx) : SimfoniReportTests<Sqlite>(fx);

public sealed class SimfoniReportTests_Postgres(ClockedApiFixture<Postgres> fx) : SimfoniReportTests<Postgres>(fx);

public sealed class SimfoniReportTests_SqlServer(ClockedApiFixture<SqlServer> fx) : SimfoniReportTests<SqlServer>(fx);
