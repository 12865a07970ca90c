using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// <c>GET /v1/admin/webhooks</c>: after the last attempt fails the subscription is marked failing
/// and an administrator can find it, across agencies, without ever seeing a secret.
/// </summary>
public abstract class WebhookAdminTests<TEngine>(WebhookFixture<TEngine> fx) : IClassFixture<WebhookFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task FailingSubscription_IsListedForTheAdmin_WithItsAgency_AndNoSecretOrPath()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysAnswer(500);
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (id, secret) = await WebhookApi.SubscribeAsync(recipient, receiver.Url + "?token=receiver-token");
        await Scenario.SendReferralAsync(sender, recipient);
        await WebhookApi.WaitForLogAsync(recipient, id, l => l.Count == 1 && (string?)l[0]["status"] == "failed", seconds: 60);

        using var admin = fx.CreateAdminClient();
        using var response = await admin.GetAsync("/v1/admin/webhooks?status=failing&limit=200", Http.Ct);
        var text = await response.Content.ReadAsStringAsync(Http.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single(Items(JsonNode.Parse(text)!), w => (string?)w["id"] == id.ToString());
        Assert.Equal(recipient.Id.ToString(), (string?)listed["agencyId"]);
        Assert.Equal(recipient.Code, (string?)listed["agencyCode"]);
        Assert.Equal("failing", (string?)listed["status"]);
        Assert.Equal("deliveries_failing", (string?)listed["statusReason"]);
        Assert.Equal($"http://127.0.0.1:{receiver.Port}", (string?)listed["receiverOrigin"]);
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", text, StringComparison.Ordinal);
        Assert.DoesNotContain("receiver-token", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/hooks/referrals", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusFilter_ListsOnlyThatStatus_AndNoFilterListsEvery()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (active, _) = await WebhookApi.SubscribeAsync(agency, "http://127.0.0.1:9/active");
        var (paused, _) = await WebhookApi.SubscribeAsync(agency, "http://127.0.0.1:9/paused");
        using (var pause = await agency.Client.PatchJsonAsync($"/v1/webhooks/{paused}", new JsonObject { ["active"] = false }))
        {
            await pause.ExpectAsync(HttpStatusCode.OK);
        }

        var disabled = await ListAllAsync("disabled");
        var activeOnes = await ListAllAsync("active");
        var every = await ListAllAsync(null);

        Assert.Contains(paused, disabled);
        Assert.DoesNotContain(active, disabled);
        Assert.Contains(active, activeOnes);
        Assert.DoesNotContain(paused, activeOnes);
        Assert.Contains(active, every);
        Assert.Contains(paused, every);
    }

    [Fact]
    public async Task Pages_CoverEveryWebhookOnce()
    {
        using var agency = await fx.CreateAgencyAsync();
        var mine = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            mine.Add((await WebhookApi.SubscribeAsync(agency, $"http://127.0.0.1:9/page-{i}")).Id);
        }

        var seen = await ListAllAsync(null, pageSize: 2);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(mine, id => Assert.Contains(id, seen));
    }

    [Fact]
    public async Task AgencyKey_Gets403_NoKey401_UnknownStatus400()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var anonymous = fx.CreateClient();
        using var admin = fx.CreateAdminClient();

        using var asAgency = await agency.Client.GetAsync("/v1/admin/webhooks", Http.Ct);
        using var withoutKey = await anonymous.GetAsync("/v1/admin/webhooks", Http.Ct);
        using var unknown = await admin.GetAsync("/v1/admin/webhooks?status=broken", Http.Ct);

        Assert.Equal(HttpStatusCode.Forbidden, asAgency.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        var problem = await unknown.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]?["status"]);
    }

    private static IEnumerable<JsonNode> Items(JsonNode page) => page["items"]!.AsArray().Select(i => i!);

    /// <summary>Every webhook id the admin list shows for <paramref name="status"/>, following nextCursor to the end.</summary>
    private async Task<List<Guid>> ListAllAsync(string? status, int pageSize = 200)
    {
        using var admin = fx.CreateAdminClient();
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var query = $"/v1/admin/webhooks?limit={pageSize}" + (status is null ? string.Empty : $"&status={status}") + (cursor is null ? string.Empty : $"&cursor={cursor}");
            using var response = await admin.GetAsync(query, Http.Ct);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            ids.AddRange(Items(page).Select(Scenario.IdOf));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return ids;
    }
}

public sealed class WebhookAdminTests_Sqlite(WebhookFixture<Sqlite> fx) : WebhookAdminTests<Sqlite>(fx);

public sealed class WebhookAdminTests_Postgres(WebhookFixture<Postgres> fx) : WebhookAdminTests<Postgres>(fx);

public sealed class WebhookAdminTests_SqlServer(WebhookFixture<SqlServer> fx) : WebhookAdminTests<SqlServer>(fx);
