using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// An agency rotates and revokes its own keys; secrets are shown once, stored only as hashes, and a
/// failed key says nothing about which keys exist.
/// </summary>
public abstract class ApiKeyTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Agency_RotatesItsOwnKey_AndBothKeysWork()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        var (newId, newKey) = ((string)created["id"]!, (string)created["key"]!);
        Assert.NotEqual(agency.Key, newKey);
        Assert.Equal($"/v1/agencies/{agency.Id}/api-keys/{newId}", response.Headers.Location?.OriginalString);
        using var newClient = fx.CreateClient(newKey);
        var viaOld = await MeAsync(agency.Client);
        var viaNew = await MeAsync(newClient);
        Assert.Equal(agency.Id.ToString(), (string?)viaOld["agency"]!["id"]);
        Assert.Equal(agency.Id.ToString(), (string?)viaNew["agency"]!["id"]);
        Assert.Equal(newId, (string?)viaNew["keyId"]);
        Assert.NotEqual(newId, (string?)viaOld["keyId"]);
    }

    [Fact]
    public async Task List_ShowsPrefixesAndTimes_ButNeverTheSecrets()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (_, unusedKey) = await RotateAsync(agency);

        using var response = await agency.Client.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct);

        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        foreach (var secret in new[] { agency.Key, unusedKey, SecretPart(agency.Key), SecretPart(unusedKey) })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var items = page["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Null((string?)page["nextCursor"]);
        Assert.All(items, i => Assert.Equal(["createdAt", "createdByKeyId", "expiresAt", "id", "lastUsedAt", "permissions", "prefix", "revokedAt"], i!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)));
        var used = items.Single(i => agency.Key.StartsWith((string)i!["prefix"]!, StringComparison.Ordinal))!;
        var unused = items.Single(i => unusedKey.StartsWith((string)i!["prefix"]!, StringComparison.Ordinal))!;
        Assert.NotNull((string?)used["lastUsedAt"]);
        Assert.Null((string?)unused["lastUsedAt"]);
        Assert.NotNull((string?)unused["createdAt"]);
    }

    [Fact]
    public async Task RevokedKey_Gets401_OnTheVeryNextRequest_WhileTheOtherKeyWorks()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (_, newKey) = await RotateAsync(agency);
        var oldKeyId = (string)(await MeAsync(agency.Client))["keyId"]!;

        using var revoked = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{oldKeyId}", Http.Ct);
        using var next = await agency.Client.GetAsync("/v1/me", Http.Ct);

        await revoked.ExpectAsync(HttpStatusCode.NoContent);
        await ProblemAssert.ExpectAsync(next, HttpStatusCode.Unauthorized, "unauthorized");
        using var newClient = fx.CreateClient(newKey);
        var listed = await (await newClient.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull((string?)listed["items"]!.AsArray().Single(i => (string?)i!["id"] == oldKeyId)!["revokedAt"]);
    }

    [Fact]
    public async Task Revoke_Returns404_ForAnUnknownKey_OrAKeyOfAnotherAgency()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var otherKeyId = (string)(await MeAsync(other.Client))["keyId"]!;

        using var unknown = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{Guid.CreateVersion7()}", Http.Ct);
        using var foreign = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{otherKeyId}", Http.Ct);

        await ProblemAssert.ExpectAsync(unknown, HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.ExpectAsync(foreign, HttpStatusCode.NotFound, "not-found");
        await MeAsync(other.Client);
    }

    [Fact]
    public async Task AnotherAgencysKeys_Return403_ToList_Create_AndRevoke()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        var otherKeyId = (string)(await MeAsync(other.Client))["keyId"]!;
        var keys = $"/v1/agencies/{other.Id}/api-keys";

        using var list = await agency.Client.GetAsync(keys, Http.Ct);
        using var create = await agency.Client.PostJsonAsync(keys, null);
        using var revoke = await agency.Client.DeleteAsync($"{keys}/{otherKeyId}", Http.Ct);

        await ProblemAssert.ExpectAsync(list, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.ExpectAsync(create, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.ExpectAsync(revoke, HttpStatusCode.Forbidden, "forbidden");
        await MeAsync(other.Client);
        using var admin = fx.CreateAdminClient();
        Assert.Single((await (await admin.GetAsync(keys, Http.Ct)).ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Fact]
    public async Task Keys_AreStoredOnlyAsHashes()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (_, rotated) = await RotateAsync(agency);

        await using var connection = fx.CreateConnection();
        var rows = (await connection.QueryAsync(new CommandDefinition(
            "SELECT * FROM api_keys WHERE agency_id = @Id", new { agency.Id }, cancellationToken: Http.Ct))).ToList();

        Assert.Equal(2, rows.Count);
        var stored = rows.SelectMany(r => ((IDictionary<string, object?>)r).Values).SelectMany(AsTexts).ToList();
        Assert.NotEmpty(stored);
        foreach (var secret in new[] { agency.Key, rotated, SecretPart(agency.Key), SecretPart(rotated) })
        {
            Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task WrongUnknownRevokedAndMalformedKeys_GetIdentical401s()
    {
        using var agency = await fx.CreateAgencyAsync();
        var (revokedId, revokedKey) = await RotateAsync(agency);
        using var revoke = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{revokedId}", Http.Ct);
        await revoke.ExpectAsync(HttpStatusCode.NoContent);
        string[] keys =
        [
            agency.Key[..13] + new string('x', agency.Key.Length - 13),
            "rfk_zzzzzzzz_" + new string('x', agency.Key.Length - 13),
            revokedKey,
            "not-a-key",
        ];

        var answers = new List<string>();
        foreach (var key in keys)
        {
            using var client = fx.CreateClient(key);
            using var response = await client.GetAsync("/v1/me", Http.Ct);
            var body = await ProblemAssert.ExpectAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            body.AsObject().Remove("traceId");
            answers.Add(body.ToJsonString());
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
    }

    /// <summary>Issues the managing key's successor, with the same <c>keys</c> permission.</summary>
    private static async Task<(string Id, string Key)> RotateAsync(TestAgency agency)
    {
        using var response = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", new JsonObject { ["permissions"] = new JsonArray("keys") });
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["key"]!);
    }

    private static async Task<JsonNode> MeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/v1/me", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The random part of a key, after its public lookup prefix <c>rfk_xxxxxxxx_</c>.</summary>
    private static string SecretPart(string key) => key[13..];

    /// <summary>A stored value as every text it could hide a key in.</summary>
    private static IEnumerable<string> AsTexts(object? value) => value switch
    {
        null => [],
        byte[] bytes => [System.Text.Encoding.UTF8.GetString(bytes), Convert.ToHexString(bytes), Convert.ToBase64String(bytes)],
        _ => [Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty],
    };
}

public sealed class ApiKeyTests_Sqlite(ApiFixture<Sqlite> fx) : ApiKeyTests<Sqlite>(fx);

public sealed class ApiKeyTests_Postgres(ApiFixture<Postgres> fx) : ApiKeyTests<Postgres>(fx);

public sealed class ApiKeyTests_SqlServer(ApiFixture<SqlServer> fx) : ApiKeyTests<SqlServer>(fx);
