using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>
/// The access log: every request that reads or changes a referral leaves a row naming when, which
/// agency and key, what and the correlation id; either party reads the referral's log, nobody else.
/// </summary>
public abstract class AccessLogTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task EveryReadAndChange_IsRecorded_WithAgencyKeyActionAndCorrelationId()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(receiver.Id);
        var idempotency = ("Idempotency-Key", "access-" + Guid.NewGuid());
        var expected = new List<(string Action, TestAgency By, string CorrelationId)>();
        async Task<JsonNode> Send(string action, TestAgency by, HttpMethod method, string url, JsonNode? content, params (string, string)[] headers)
        {
            var correlation = "corr-" + Guid.NewGuid().ToString("N");
            using var response = await by.Client.SendJsonAsync(method, url, content, [.. headers, ("X-Correlation-Id", correlation)]);
            Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode}");
            expected.Add((action, by, correlation));
            return await response.JsonAsync();
        }

        var id = Scenario.IdOf(await Send("create", sender, HttpMethod.Post, "/v1/referrals", body, idempotency));
        await Send("create_replayed", sender, HttpMethod.Post, "/v1/referrals", body, idempotency);
        await Send("read", receiver, HttpMethod.Get, $"/v1/referrals/{id}", null);
        await Send("list", receiver, HttpMethod.Get, "/v1/referrals?box=inbox", null);
        await Send("acknowledge", receiver, HttpMethod.Post, $"/v1/referrals/{id}/acknowledgement", new JsonObject { ["decision"] = "accepted" });
        await Send("change_status", receiver, HttpMethod.Post, $"/v1/referrals/{id}/status", Scenario.StatusBody("in_progress"));
        await Send("add_note", sender, HttpMethod.Post, $"/v1/referrals/{id}/notes", new JsonObject { ["text"] = "Please call first." });
        await Send("read_notes", receiver, HttpMethod.Get, $"/v1/referrals/{id}/notes", null);
        await Send("read_status", sender, HttpMethod.Get, $"/v1/referrals/{id}/status", null);
        var referral = await ReferralSteps.GetAsync(sender, id);
        expected.Add(("read", sender, string.Empty));
        await Send("read_case", receiver, HttpMethod.Get, $"/v1/cases/{referral["caseId"]}", null);
        await Send("read_access_log", receiver, HttpMethod.Get, $"/v1/referrals/{id}/access-log", null);

        var log = await AccessLogApi.ForReferralAsync(sender.Client, id);

        var keys = new Dictionary<Guid, Guid> { [sender.Id] = await AccessLogApi.KeyIdAsync(sender), [receiver.Id] = await AccessLogApi.KeyIdAsync(receiver) };
        Assert.Equal([.. expected.Select(e => e.Action), "read_access_log"], AccessLogApi.Actions(log));
        for (var i = 0; i < expected.Count; i++)
        {
            var (action, by, correlation) = expected[i];
            Assert.Equal(by.Id, Guid.Parse((string)log[i]["agencyId"]!));
            Assert.Equal(keys[by.Id], Guid.Parse((string)log[i]["keyId"]!));
            if (correlation.Length > 0)
            {
                Assert.Equal(correlation, (string?)log[i]["correlationId"]);
            }

            Assert.True(DateTimeOffset.Parse((string)log[i]["at"]!, CultureInfo.InvariantCulture) <= DateTimeOffset.UtcNow.AddMinutes(1), action);
        }

        Assert.Equal(["at", "agencyId", "keyId", "action", "correlationId", "actingPerson"], log[0].AsObject().Select(p => p.Key));
        Assert.All(log, e => Assert.Null(e["actingPerson"])); // keys name no person
        Assert.Equal(log.Count + 1, (await AccessLogApi.ForReferralAsync(receiver.Client, id)).Count);
    }

    [Fact]
    public async Task List_RecordsEveryReferralOnThePageReturned_AndNoOther()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var oldest = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var middle = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var newest = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        using var page = await receiver.Client.GetAsync("/v1/referrals?box=inbox&limit=2", Http.Ct);
        await page.ExpectAsync(HttpStatusCode.OK);

        foreach (var (id, listed) in new[] { (newest, true), (middle, true), (oldest, false) })
        {
            var log = await AccessLogApi.ForReferralAsync(sender.Client, id);
            Assert.Equal(listed ? 1 : 0, log.Count(e => (string?)e["action"] == "list" && (string?)e["agencyId"] == receiver.Id.ToString()));
        }
    }

    [Fact]
    public async Task ConsentWithdrawal_IsRecordedOnEveryReferralItCancelled_AndNotOnOthersReferrals()
    {
        using var c = await ConsentCase.CreateAsync(fx);

        await c.WithdrawAsync();

        var last = (await AccessLogApi.ForReferralAsync(c.Police.Client, c.ToUptd))[^2];
        Assert.Equal(("withdraw_consent", c.Police.Id), ((string?)last["action"], Guid.Parse((string)last["agencyId"]!)));

        // The onward referral UPTD PPA sent is only told of the withdrawal, not changed or read by the police.
        Assert.DoesNotContain("withdraw_consent", AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(c.Uptd.Client, c.ToHospital)));
        Assert.DoesNotContain("withdraw_consent", AccessLogApi.Actions(await AccessLogApi.ForReferralAsync(c.Shelter.Client, c.ToShelter)));
    }

    [Fact]
    public async Task ReferralAccessLog_IsForTheTwoPartiesOnly_AndPagesEachRowOnce()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "in_progress");

        using var byStranger = await stranger.Client.GetAsync($"/v1/referrals/{id}/access-log", Http.Ct);
        using var badCursor = await sender.Client.GetAsync($"/v1/referrals/{id}/access-log?cursor=bm90LWEtY3Vyc29y", Http.Ct);
        var whole = await AccessLogApi.ForReferralAsync(sender.Client, id);
        var paged = await AccessLogApi.ForReferralAsync(sender.Client, id, limit: 2);

        await byStranger.ExpectProblemAsync(HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.ExpectValidationAsync(badCursor, "cursor");
        Assert.Equal(AccessLogApi.Actions(whole), AccessLogApi.Actions(paged).Take(whole.Count));
        Assert.Equal(["create", "acknowledge", "change_status"], AccessLogApi.Actions(whole).Take(3));
    }

    [Fact]
    public async Task AdminAccessLog_FiltersByAgencyReferralAndTime_AndIsForAdminsOnly()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var first = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var second = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        using var admin = fx.CreateAdminClient();

        var byReferral = await AccessLogApi.AllPagesAsync(admin, $"/v1/admin/access-log?referralId={first}&limit=1");
        var byAgency = await AccessLogApi.AllPagesAsync(admin, $"/v1/admin/access-log?agencyId={receiver.Id}&limit=200");
        var (createdAt, acknowledgedAt) = (Uri.EscapeDataString((string)byReferral[0]["at"]!), Uri.EscapeDataString((string)byReferral[1]["at"]!));
        var beforeAcknowledgement = await AccessLogApi.AllPagesAsync(admin, $"/v1/admin/access-log?referralId={first}&from={createdAt}&to={acknowledgedAt}");
        var fromAcknowledgement = await AccessLogApi.AllPagesAsync(admin, $"/v1/admin/access-log?referralId={first}&from={acknowledgedAt}");

        Assert.Equal(["create", "acknowledge"], AccessLogApi.Actions(byReferral));
        Assert.All(byReferral, e => Assert.Equal(first.ToString(), (string?)e["referralId"]));
        Assert.Equal([first], byAgency.Select(e => Guid.Parse((string)e["referralId"]!)).Distinct());
        Assert.All(byAgency, e => Assert.Equal(receiver.Id.ToString(), (string?)e["agencyId"]));
        Assert.DoesNotContain(byAgency, e => (string?)e["referralId"] == second.ToString());
        Assert.Equal(["create"], AccessLogApi.Actions(beforeAcknowledgement));
        Assert.Equal(["acknowledge"], AccessLogApi.Actions(fromAcknowledgement));

        using var asAgency = await sender.Client.GetAsync("/v1/admin/access-log", Http.Ct);
        await asAgency.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var badFrom = await admin.GetAsync("/v1/admin/access-log?from=yesterday&agencyId=x", Http.Ct);
        await ProblemAssert.ExpectValidationAsync(badFrom, "from", "agencyId");
    }
}

public sealed class AccessLogTests_Sqlite(ApiFixture<Sqlite> fx) : AccessLogTests<Sqlite>(fx);

public sealed class AccessLogTests_Postgres(ApiFixture<Postgres> fx) : AccessLogTests<Postgres>(fx);

public sealed class AccessLogTests_SqlServer(ApiFixture<SqlServer> fx) : AccessLogTests<SqlServer>(fx);
