using System.Data.Common;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Admin;

/// <summary>A second admin key, configured only by its hash as after a rotation, and how the audit log names keys.</summary>
public static class AdminKeysForAudit
{
    public static readonly string RotatedKey = "admin-rotated-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Fingerprint(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
}

/// <summary>A host that accepts <see cref="AdminKeysForAudit.RotatedKey"/> beside its bootstrap admin key.</summary>
public sealed class AdminAuditFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Admin:KeyHashes:0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKeysForAudit.RotatedKey))),
        ["Webhooks:AllowPrivateNetworks"] = "true",
    };
}

/// <summary>
/// Every admin action lands in the append-only admin audit log, named by the admin key's
/// fingerprint; agencies managing their own keys do not, and only the admin reads the log.
/// </summary>
public abstract class AdminAuditLogTests<TEngine>(AdminAuditFixture<TEngine> fx) : IClassFixture<AdminAuditFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task EveryAdminAction_IsRecorded_WithItsKeyTargetAndStatus()
    {
        using var admin = fx.CreateAdminClient();
        using var rotated = fx.CreateClient(AdminKeysForAudit.RotatedKey);
        var start = await AllAsync(admin);
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var referral = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");

        using var patched = await admin.PatchJsonAsync($"/v1/agencies/{sender.Id}", new JsonObject { ["roles"] = new JsonArray("agency", "oversight") });
        using var issued = await rotated.PostJsonAsync($"/v1/agencies/{sender.Id}/api-keys", null);
        var keyId = (string)(await issued.ExpectAsync(HttpStatusCode.Created))["id"]!;
        using var listed = await admin.GetAsync($"/v1/agencies/{sender.Id}/api-keys", Http.Ct);
        using var revoked = await admin.DeleteAsync($"/v1/agencies/{sender.Id}/api-keys/{keyId}", Http.Ct);
        using var webhooks = await admin.GetAsync("/v1/admin/webhooks", Http.Ct);
        using var accessLog = await admin.GetAsync($"/v1/admin/access-log?referralId={referral}", Http.Ct);
        using var hold = await admin.SendJsonAsync(HttpMethod.Put, $"/v1/admin/referrals/{referral}/legal-hold", new JsonObject { ["legalHold"] = true });
        using var ownKeys = await sender.Client.PostJsonAsync($"/v1/agencies/{sender.Id}/api-keys", null);
        await patched.ExpectAsync(HttpStatusCode.OK);
        await ownKeys.ExpectAsync(HttpStatusCode.Created);

        // The first read of the log is itself recorded, once it has answered.
        var entries = (await AllAsync(admin)).Skip(start.Count + 1).ToList();

        var bootstrap = AdminKeysForAudit.Fingerprint(fx.AdminKey);
        var second = AdminKeysForAudit.Fingerprint(AdminKeysForAudit.RotatedKey);
        var expected = new List<(string Action, string Key, string? Target, int Status)>
        {
            ("create_agency", bootstrap, sender.Id.ToString(), 201),
            ("issue_key", bootstrap, null, 201),
            ("create_agency", bootstrap, receiver.Id.ToString(), 201),
            ("issue_key", bootstrap, null, 201),
            ("update_agency", bootstrap, sender.Id.ToString(), 200),
            ("issue_key", second, keyId, 201),
            ("list_keys", bootstrap, sender.Id.ToString(), 200),
            ("revoke_key", bootstrap, keyId, 204),
            ("read_webhooks", bootstrap, null, 200),
            ("read_access_log", bootstrap, null, 200),
            ("set_legal_hold", bootstrap, referral.ToString(), 200),
        };
        Assert.Equal(expected.Count, entries.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (action, key, target, status) = expected[i];
            Assert.Equal(action, (string?)entries[i]["action"]);
            Assert.Equal(key, (string?)entries[i]["adminKey"]);
            Assert.Equal(status, (int)entries[i]["status"]!);
            if (target is not null)
            {
                Assert.Equal(target, (string?)entries[i]["targetId"]);
            }
        }

        Assert.DoesNotContain(fx.AdminKey, string.Join(",", entries.Select(e => e.ToJsonString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyedAdminCreate_IsRecordedOnceWithTheChange_AndItsReplayAgainAsAReplay()
    {
        using var admin = fx.CreateAdminClient();
        using var agency = await fx.CreateAgencyAsync();
        var start = await AllAsync(admin);
        var key = ("Idempotency-Key", "audit-" + Guid.NewGuid().ToString("N"));

        using var first = await admin.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null, key);
        var keyId = (string)(await first.ExpectAsync(HttpStatusCode.Created))["id"]!;
        using var again = await admin.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null, key);
        await again.ExpectAsync(HttpStatusCode.Created);

        var entries = (await AllAsync(admin)).Skip(start.Count + 1).ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e =>
        {
            Assert.Equal("issue_key", (string?)e["action"]);
            Assert.Equal(keyId, (string?)e["targetId"]);
            Assert.Equal(201, (int)e["status"]!);
        });
    }

    [Fact]
    public async Task OnlyTheAdmin_ReadsTheAuditLog()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var anonymous = fx.CreateClient();

        using var byAgency = await agency.Client.GetAsync("/v1/admin/audit-log", Http.Ct);
        using var byNobody = await anonymous.GetAsync("/v1/admin/audit-log", Http.Ct);

        await byAgency.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await byNobody.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("UPDATE admin_audit_log SET action = 'nothing_happened'")]
    [InlineData("DELETE FROM admin_audit_log")]
    public async Task ChangingOrRemovingRows_IsRefusedByTheDatabase(string statement)
    {
        using var admin = fx.CreateAdminClient();
        using var agency = await fx.CreateAgencyAsync();
        var before = await AllAsync(admin);

        await using var connection = fx.CreateConnection();
        await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync(statement));

        var after = await AllAsync(admin);
        Assert.Equal(before.Select(e => e.ToJsonString()), after.Take(before.Count).Select(e => e.ToJsonString()));
        Assert.NotEmpty(before);
    }

    /// <summary>Every entry, following nextCursor; the reads themselves are appended as it goes.</summary>
    private static async Task<List<JsonNode>> AllAsync(HttpClient admin)
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            using var response = await admin.GetAsync("/v1/admin/audit-log?limit=200" + (cursor is null ? string.Empty : "&cursor=" + cursor), Http.Ct);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            entries.AddRange(page["items"]!.AsArray().Select(e => e!.DeepClone()));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);

        return entries;
    }
}

public sealed class AdminAuditLogTests_Sqlite(AdminAuditFixture<Sqlite> fx) : AdminAuditLogTests<Sqlite>(fx);

public sealed class AdminAuditLogTests_Postgres(AdminAuditFixture<Postgres> fx) : AdminAuditLogTests<Postgres>(fx);

public sealed class AdminAuditLogTests_SqlServer(AdminAuditFixture<SqlServer> fx) : AdminAuditLogTests<SqlServer>(fx);
