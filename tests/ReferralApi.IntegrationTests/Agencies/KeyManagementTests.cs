using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// Only the admin or a key holding the <c>keys</c> permission manages an agency's keys; every key
/// expires (one year by default, two at most); the list says which key created which; an agency
/// holds a bounded number of active keys.
/// </summary>
public abstract class KeyManagementTests<TEngine>(KeyManagementFixture<TEngine> fx) : IClassFixture<KeyManagementFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AKeyWithoutTheKeysPermission_CannotIssueListOrRevokeKeys_EvenForItsOwnAgency()
    {
        using var agency = await fx.CreateAgencyAsync(roles: ["oversight"]);
        var (plainId, plainKey) = await IssueAsync(agency.Client, agency.Id, null);
        using var plain = fx.CreateClient(plainKey);

        using var issue = await plain.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);
        using var list = await plain.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct);
        using var revoke = await plain.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{await IdOfKeyAsync(agency)}", Http.Ct);

        await issue.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await list.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        await revoke.ExpectProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var managerStillWorks = await agency.Client.GetAsync("/v1/me", Http.Ct);
        await managerStillWorks.ExpectAsync(HttpStatusCode.OK);

        // A leaked plain key is revoked by the managing key and cannot have minted a successor.
        using var revoked = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{plainId}", Http.Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var afterRevocation = await plain.GetAsync("/v1/me", Http.Ct);
        await afterRevocation.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task EveryKeyExpires_AYearByDefault_AtMostTwo_AndTheListNamesItsCreator()
    {
        using var agency = await fx.CreateAgencyAsync();
        var now = fx.Clock.GetUtcNow();

        using var byDefault = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);
        using var tooLong = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", Body(now.AddDays(731)));
        using var past = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", Body(now.AddMinutes(-1)));
        using var unknownPermission = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", new JsonObject { ["permissions"] = new JsonArray("admin") });

        var created = await byDefault.ExpectAsync(HttpStatusCode.Created);
        var expiresAt = DateTimeOffset.Parse((string)created["expiresAt"]!, CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt, now.AddDays(365).AddMinutes(-1), now.AddDays(365).AddMinutes(1));
        Assert.Equal(await IdOfKeyAsync(agency), (string?)created["createdByKeyId"]);
        Assert.Empty(created["permissions"]!.AsArray());
        await Input.ProblemAssert.ExpectValidationAsync(tooLong, "$.expiresAt");
        await Input.ProblemAssert.ExpectValidationAsync(past, "$.expiresAt");
        await Input.ProblemAssert.ExpectValidationAsync(unknownPermission, "$.permissions[0]");

        using var listed = await agency.Client.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct);
        var items = (await listed.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        var first = items.Single(i => agency.Key.StartsWith((string)i!["prefix"]!, StringComparison.Ordinal))!;
        Assert.Null((string?)first["createdByKeyId"]);
        Assert.Equal(["keys"], first["permissions"]!.AsArray().Select(p => (string)p!));
        Assert.All(items, i => Assert.NotNull((string?)i!["expiresAt"]));
    }

    [Fact]
    public async Task AnExpiredKey_Is401()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (_, shortLived) = await IssueAsync(agency.Client, agency.Id, Body(fx.Clock.GetUtcNow().AddDays(1)));
        using var client = fx.CreateClient(shortLived);
        using (var before = await client.GetAsync("/v1/me", Http.Ct))
        {
            await before.ExpectAsync(HttpStatusCode.OK);
        }

        fx.Clock.Advance(TimeSpan.FromDays(1).Add(TimeSpan.FromSeconds(1)));

        using var after = await client.GetAsync("/v1/me", Http.Ct);
        await after.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnAgencyHoldsAtMostTheConfiguredActiveKeys_ARevocationMakesRoom()
    {
        using var agency = await fx.CreateAgencyAsync();
        var issued = new List<string>();
        for (var i = 1; i < KeyManagementFixture<TEngine>.MaxActive; i++)
        {
            issued.Add((await IssueAsync(agency.Client, agency.Id, null)).Id);
        }

        using var refused = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);
        using var admin = fx.CreateAdminClient();
        using var refusedForAdmin = await admin.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);
        using var revoked = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{issued[0]}", Http.Ct);
        using var afterRevocation = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);

        var problem = await refused.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "limit-reached");
        Assert.Contains(KeyManagementFixture<TEngine>.MaxActive.ToString(CultureInfo.InvariantCulture), (string?)problem["detail"], StringComparison.Ordinal);
        await refusedForAdmin.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "limit-reached");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await afterRevocation.ExpectAsync(HttpStatusCode.Created);
    }

    private static JsonObject Body(DateTimeOffset expiresAt) =>
        new() { ["expiresAt"] = expiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) };

    private static async Task<(string Id, string Key)> IssueAsync(HttpClient client, Guid agencyId, JsonObject? body)
    {
        using var response = await client.PostJsonAsync($"/v1/agencies/{agencyId}/api-keys", body);
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["key"]!);
    }

    private static async Task<string> IdOfKeyAsync(TestAgency agency)
    {
        using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
        return (string)(await me.ExpectAsync(HttpStatusCode.OK))["keyId"]!;
    }
}

public sealed class KeyManagementTests_Sqlite(KeyManagementFixture<Sqlite> fx) : KeyManagementTests<Sqlite>(fx);

public sealed class KeyManagementTests_Postgres(KeyManagementFixture<Postgres> fx) : KeyManagementTests<Postgres>(fx);

public sealed class KeyManagementTests_SqlServer(KeyManagementFixture<SqlServer> fx) : KeyManagementTests<SqlServer>(fx);
