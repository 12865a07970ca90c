using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Admin;

/// <summary>
/// No admin view is shown unrecorded: while the admin audit log cannot be written, the read-only
/// admin views answer 503 without their content, and once it is back they answer and are recorded.
/// (The audit-log view itself cannot be read in that outage at all, so it is not among them.)
/// </summary>
public abstract class AdminAuditOutageTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task WhileTheAuditLogCannotBeWritten_AdminViewsAnswer503_WithoutTheirContent()
    {
        using var admin = fx.CreateAdminClient();
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var referral = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        string[] views =
        [
            "/v1/admin/webhooks",
            $"/v1/admin/access-log?referralId={referral}",
            $"/v1/agencies/{sender.Id}/api-keys",
        ];

        await fx.RenameTableAsync("admin_audit_log", "admin_audit_log_away");
        try
        {
            foreach (var url in views)
            {
                using var refused = await admin.GetAsync(url, Http.Ct);
                var text = await refused.Content.ReadAsStringAsync(Http.Ct);
                await refused.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
                Assert.DoesNotContain(sender.Id.ToString(), text, StringComparison.Ordinal);
                Assert.DoesNotContain(referral.ToString(), text, StringComparison.Ordinal);
            }
        }
        finally
        {
            await fx.RenameTableAsync("admin_audit_log_away", "admin_audit_log");
        }

        foreach (var url in views)
        {
            using var answered = await admin.GetAsync(url, Http.Ct);
            await answered.ExpectAsync(HttpStatusCode.OK);
        }

        using var log = await admin.GetAsync("/v1/admin/audit-log?limit=200", Http.Ct);
        var actions = (await log.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(e => (string?)e!["action"]).ToList();
        // The refused views left no row; each answered view left exactly one.
        Assert.Equal(1, actions.Count(a => a == "read_webhooks"));
        Assert.Equal(1, actions.Count(a => a == "read_access_log"));
        Assert.Equal(1, actions.Count(a => a == "list_keys"));
    }

    [Fact]
    public async Task WhileTheAuditLogCannotBeWritten_AdminChangesAnswer503_AndChangeNothing()
    {
        using var admin = fx.CreateAdminClient();
        using var agency = await fx.CreateAgencyAsync();
        var key = ("Idempotency-Key", "outage-" + Guid.NewGuid().ToString("N"));
        var keysBefore = await KeyIdsAsync(agency);

        await fx.RenameTableAsync("admin_audit_log", "admin_audit_log_away");
        try
        {
            using var issued = await admin.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null, key);
            using var patched = await admin.PatchJsonAsync($"/v1/agencies/{agency.Id}", new JsonObject { ["name"] = "Renamed while unrecorded" });
            await issued.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
            await patched.ExpectProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        }
        finally
        {
            await fx.RenameTableAsync("admin_audit_log_away", "admin_audit_log");
        }

        // The changes rolled back with their rows; the key is free again, and its retry makes the key now.
        Assert.Equal(keysBefore, await KeyIdsAsync(agency));
        using var read = await agency.Client.GetAsync($"/v1/agencies/{agency.Id}", Http.Ct);
        Assert.NotEqual("Renamed while unrecorded", (string?)(await read.ExpectAsync(HttpStatusCode.OK))["name"]);
        using var retried = await admin.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null, key);
        var created = await retried.ExpectAsync(HttpStatusCode.Created);
        Assert.NotNull((string?)created["key"]);
    }

    /// <summary>Listed with the agency's own managing key, which the admin audit log does not record.</summary>
    private static async Task<List<string>> KeyIdsAsync(TestAgency agency)
    {
        using var response = await agency.Client.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct);
        return [.. (await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Select(k => (string)k!["id"]!)];
    }
}

public sealed class AdminAuditOutageTests_Sqlite(ApiFixture<Sqlite> fx) : AdminAuditOutageTests<Sqlite>(fx);

public sealed class AdminAuditOutageTests_Postgres(ApiFixture<Postgres> fx) : AdminAuditOutageTests<Postgres>(fx);

public sealed class AdminAuditOutageTests_SqlServer(ApiFixture<SqlServer> fx) : AdminAuditOutageTests<SqlServer>(fx);
