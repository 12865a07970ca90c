using System.Globalization;
using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>
/// Who sees which referrals in a report, and the filters: an agency its own (sent and received),
/// an oversight body all of them, narrowed by period, region and sector.
/// </summary>
public abstract class ReportScopeTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AnAgency_SeesItsOwnReferrals_SentAndReceived_AndNoOneElses()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync(sector: "women_child_protection");
        using var hospital = await fx.CreateAgencyAsync(sector: "health");
        using var stranger = await fx.CreateAgencyAsync(sector: "social_services");
        await SendAsync(police, uptd, 5);
        await SendAsync(hospital, police, 6);
        await SendAsync(hospital, uptd, 7);

        var report = await ReportApi.SummaryAsync(police.Client);
        var strangers = await ReportApi.SummaryAsync(stranger.Client);

        Assert.Equal("own", (string?)report["scope"]);
        Assert.Equal(11, ReportApi.CountOf(report["total"]!));
        Assert.Equal(new Dictionary<string, int?> { ["police"] = 5, ["health"] = 6 }, ReportApi.NonZero(report, "bySenderSector"));
        Assert.Equal(new Dictionary<string, int?> { ["women_child_protection"] = 5, ["police"] = 6 }, ReportApi.NonZero(report, "byRecipientSector"));
        Assert.Equal(0, ReportApi.CountOf(strangers["total"]!));
    }

    [Fact]
    public async Task Oversight_SeesEveryReferral_NarrowedByRegionAndSector()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync(sector: "women_child_protection");
        using var hospital = await fx.CreateAgencyAsync(sector: "health");
        using var dinsos = await fx.CreateAgencyAsync(sector: "social_services");
        using var komnas = await fx.CreateAgencyAsync(roles: ["oversight"], sector: "oversight", services: []);
        using var taskForce = await fx.CreateAgencyAsync(roles: ["agency", "oversight"], sector: "task_force");

        // A province of its own for this test, so the other tests' referrals stay out of the figures.
        await SendAsync(police, uptd, 5, "64.01");
        await SendAsync(hospital, dinsos, 6, "64.02.03");
        await SendAsync(police, dinsos, 7, "65.01");

        var province = await ReportApi.SummaryAsync(komnas.Client, "?regionCode=64");
        var regency = await ReportApi.SummaryAsync(komnas.Client, "?regionCode=64.02");
        var health = await ReportApi.SummaryAsync(komnas.Client, "?regionCode=64&sector=health");
        var social = await ReportApi.SummaryAsync(taskForce.Client, "?regionCode=64&sector=social_services");

        Assert.Equal("all", (string?)province["scope"]);
        Assert.Equal(11, ReportApi.CountOf(province["total"]!));
        Assert.Equal(new Dictionary<string, int?> { ["64.01"] = 5, ["64.02"] = 6 }, ReportApi.NonZero(province, "byRegion"));
        Assert.Equal(6, ReportApi.CountOf(regency["total"]!));
        Assert.Equal(6, ReportApi.CountOf(health["total"]!));
        Assert.Equal("all", (string?)social["scope"]);
        Assert.Equal(6, ReportApi.CountOf(social["total"]!));
    }

    [Fact]
    public async Task FromAndTo_CountTheReferralsSentInThePeriod()
    {
        using var police = await fx.CreateAgencyAsync(sector: "police");
        using var uptd = await fx.CreateAgencyAsync();
        await SendAsync(police, uptd, 5);
        var wibNow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7));
        var today = wibNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = wibNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var tomorrow = wibNow.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Equal(5, ReportApi.CountOf((await ReportApi.SummaryAsync(police.Client, $"?from={today}&to={today}"))["total"]!));
        Assert.Equal(5, ReportApi.CountOf((await ReportApi.SummaryAsync(police.Client, $"?from={yesterday}"))["total"]!));
        Assert.Equal(0, ReportApi.CountOf((await ReportApi.SummaryAsync(police.Client, $"?to={yesterday}"))["total"]!));
        Assert.Equal(0, ReportApi.CountOf((await ReportApi.SummaryAsync(police.Client, $"?from={tomorrow}&to={tomorrow}"))["total"]!));
        var instant = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        Assert.Equal(5, ReportApi.CountOf((await ReportApi.SummaryAsync(police.Client, $"?from={instant}"))["total"]!));
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("from=28-11-2026", "from")]
    [InlineData("to=2026-11-28T10:00:00", "to")]
    [InlineData("from=2026-11-28&to=2026-11-01", "from")]
    [InlineData("from=2000-01-01&groupBy=month", "from")]
    [InlineData("to=9999-12-31", "to")]
    [InlineData("to=9999-12-30&groupBy=month", "to")]
    [InlineData("from=0001-01-01", "from")]
    [InlineData("from=1999-12-31", "from")]
    [InlineData("to=9999-12-31T23:59:59Z", "to")]
    [InlineData("from=0001-01-01T00:00:00%2B14:00", "from")]
    [InlineData("regionCode=61.03.21", "regionCode")]
    [InlineData("regionCode=61.03.21.2001", "regionCode")]
    [InlineData("regionCode=6", "regionCode")]
    [InlineData("sector=POLICE", "sector")]
    [InlineData("groupBy=week", "groupBy")]
    public async Task BadQuery_Returns400_NamingTheParameter(string query, string parameter)
    {
        using var police = await fx.CreateAgencyAsync();

        using var response = await police.Client.GetAsync("/v1/reports/summary?" + query, Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, parameter);
    }

    [Fact]
    public async Task BadQuery_InIndonesian_GivesIndonesianMessages()
    {
        using var police = await fx.CreateAgencyAsync();

        using var response = await police.Client.GetAsync("/v1/reports/summary?from=2026-11-28&to=2026-11-01&groupBy=week", ("Accept-Language", "id"));

        var problem = await ProblemAssert.ExpectValidationAsync(response, "from", "groupBy");
        Assert.Equal("Permintaan tidak valid.", (string?)problem["title"]);
        Assert.Equal(["Harus sebelum to."], ProblemAssert.Messages(problem, "from"));
        Assert.Equal(["Kode tidak dikenal; yang diizinkan: month."], ProblemAssert.Messages(problem, "groupBy"));
    }

    [Fact]
    public async Task TheAdminKey_Returns403_AndNoKey_401()
    {
        using var admin = fx.CreateAdminClient();
        using var anonymous = fx.CreateClient();

        using var asAdmin = await admin.GetAsync("/v1/reports/summary", Http.Ct);
        using var withoutKey = await anonymous.GetAsync("/v1/reports/summary", Http.Ct);

        await ProblemAssert.ExpectAsync(asAdmin, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.ExpectAsync(withoutKey, HttpStatusCode.Unauthorized, "unauthorized");
    }

    private static async Task SendAsync(TestAgency from, TestAgency to, int count, string region = "61.01")
    {
        for (var i = 0; i < count; i++)
        {
            await Scenario.SendReferralAsync(from, to, body => body["incident"]!["regionCode"] = region);
        }
    }
}

public sealed class ReportScopeTests_Sqlite(ApiFixture<Sqlite> fx) : ReportScopeTests<Sqlite>(fx);

public sealed class ReportScopeTests_Postgres(ApiFixture<Postgres> fx) : ReportScopeTests<Postgres>(fx);

public sealed class ReportScopeTests_SqlServer(ApiFixture<SqlServer> fx) : ReportScopeTests<SqlServer>(fx);
