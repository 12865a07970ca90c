using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// No referral data leaves without its access-log row: while the log cannot be written, reads
/// answer 503 without the referral and changes answer 503 having changed nothing.
/// </summary>
public abstract class AccessLogOutageTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task WhileTheLogCannotBeWritten_ReadsAndChangesAnswer503_AndNothingLeaksOrChanges()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var body = Scenario.ReferralBody(receiver.Id);

        await fx.RenameTableAsync("access_log", "access_log_away");
        try
        {
            foreach (var url in new[] { $"/v1/referrals/{id}", $"/v1/referrals/{id}/status", $"/v1/referrals/{id}/notes", "/v1/referrals?box=inbox" })
            {
                using var read = await receiver.Client.GetAsync(url, Http.Ct);
                var text = await read.Content.ReadAsStringAsync(Http.Ct);
                await read.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
                Assert.DoesNotContain("Siti", text, StringComparison.Ordinal);
                Assert.DoesNotContain(id.ToString(), text, StringComparison.Ordinal);
            }

            using var created = await sender.Client.PostJsonAsync("/v1/referrals", body);
            await created.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
            using var moved = await receiver.Client.PostJsonAsync($"/v1/referrals/{id}/status", Scenario.StatusBody("in_progress"));
            await moved.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        }
        finally
        {
            await fx.RenameTableAsync("access_log_away", "access_log");
        }

        Assert.Equal("accepted", (string?)(await ReferralSteps.GetAsync(receiver, id))["status"]);
        using var outbox = await sender.Client.GetAsync("/v1/referrals?box=outbox", Http.Ct);
        Assert.Single((await outbox.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }
}

public sealed class AccessLogOutageTests_Sqlite(ApiFixture<Sqlite> fx) : AccessLogOutageTests<Sqlite>(fx);

public sealed class AccessLogOutageTests_Postgres(ApiFixture<Postgres> fx) : AccessLogOutageTests<Postgres>(fx);

public sealed class AccessLogOutageTests_SqlServer(ApiFixture<SqlServer> fx) : AccessLogOutageTests<SqlServer>(fx);
