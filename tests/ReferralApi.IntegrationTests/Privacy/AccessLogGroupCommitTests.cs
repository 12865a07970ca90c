using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// Reads record their access-log rows together, many requests' rows in one commit: however many
/// reads arrive at once, each answered read has its own row, with its own correlation id, by the
/// time it answers.
/// </summary>
public abstract class AccessLogGroupCommitTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private const int ReadsPerKind = 12;

    [Fact]
    public async Task ManyConcurrentReads_EachHaveTheirOwnRow_WhenTheyAnswer()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var kinds = new (string Action, TestAgency By, string Url)[]
        {
            ("read", receiver, $"/v1/referrals/{id}"),
            ("read_status", sender, $"/v1/referrals/{id}/status"),
            ("list", receiver, "/v1/referrals?box=inbox"),
            ("read_notes", sender, $"/v1/referrals/{id}/notes"),
        };
        var reads = kinds.SelectMany(k => Enumerable.Range(0, ReadsPerKind).Select(_ => (k.Action, k.By, k.Url, Correlation: "corr-" + Guid.NewGuid().ToString("N")))).ToList();
        var before = (await AccessLogApi.ForReferralAsync(sender.Client, id)).Count;

        await Task.WhenAll(reads.Select(async r =>
        {
            using var response = await r.By.Client.GetAsync(r.Url, ("X-Correlation-Id", r.Correlation));
            await response.ExpectAsync(HttpStatusCode.OK);
        }));

        var log = (await AccessLogApi.ForReferralAsync(sender.Client, id)).Skip(before).ToList();
        var recorded = log.Select(e => ((string)e["correlationId"]!, (string)e["action"]!, Guid.Parse((string)e["agencyId"]!))).Order().ToList();
        var expected = reads.Select(r => (r.Correlation, r.Action, r.By.Id)).Order().ToList();
        Assert.Equal(expected, recorded.Where(e => e.Item2 != "read_access_log"));
        Assert.Equal(reads.Count, log.Count(e => (string)e["action"]! != "read_access_log"));
    }

    [Fact]
    public async Task AListOfManyReferrals_RecordsEachOfThem_Once()
    {
        // More rows than one multi-row statement holds (50), and not a multiple of it.
        const int Referrals = 73;
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var sent = new List<Guid>();
        for (var i = 0; i < Referrals; i++)
        {
            sent.Add(Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver)));
        }

        var correlation = "corr-" + Guid.NewGuid().ToString("N");
        using (var response = await receiver.Client.GetAsync("/v1/referrals?box=inbox&limit=200", ("X-Correlation-Id", correlation)))
        {
            var listed = (await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
            Assert.Equal(Referrals, listed.Count);
        }

        using var admin = fx.CreateAdminClient();
        var rows = (await AccessLogApi.AllPagesAsync(admin, $"/v1/admin/access-log?agencyId={receiver.Id}&limit=200"))
            .Where(e => (string)e["correlationId"]! == correlation)
            .ToList();
        Assert.All(rows, e => Assert.Equal("list", (string)e["action"]!));
        Assert.Equal(sent.Order(), rows.Select(e => Guid.Parse((string)e["referralId"]!)).Order());
    }
}

public sealed class AccessLogGroupCommitTests_Sqlite(ApiFixture<Sqlite> fx) : AccessLogGroupCommitTests<Sqlite>(fx);

public sealed class AccessLogGroupCommitTests_Postgres(ApiFixture<Postgres> fx) : AccessLogGroupCommitTests<Postgres>(fx);

public sealed class AccessLogGroupCommitTests_SqlServer(ApiFixture<SqlServer> fx) : AccessLogGroupCommitTests<SqlServer>(fx);
