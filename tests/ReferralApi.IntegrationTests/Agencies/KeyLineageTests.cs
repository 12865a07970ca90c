using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// A key never outlives the key that created it, revoking a key revokes every key it created, and
/// parallel requests cannot push an agency past its active-key cap.
/// </summary>
public abstract class KeyLineageTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    /// <summary>ApiKeys:MaxActivePerAgency as shipped.</summary>
    private const int DefaultMaxActive = 10;

    [Fact]
    public async Task AMintedKey_ExpiresNoLaterThanItsCreator()
    {
        using var agency = await fx.CreateAgencyAsync();
        var later = DateTimeOffset.UtcNow.AddDays(30);
        var creatorExpiry = new DateTimeOffset(later.Ticks - (later.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        var (_, creatorKey, _) = await IssueAsync(agency.Client, agency.Id, Body(creatorExpiry, "keys"));
        using var creator = fx.CreateClient(creatorKey);

        var byDefault = await IssueAsync(creator, agency.Id, null);
        using var beyond = await creator.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", Body(creatorExpiry.AddDays(1)));

        Assert.Equal(creatorExpiry, byDefault.ExpiresAt);
        await Input.ProblemAssert.ExpectValidationAsync(beyond, "$.expiresAt");
    }

    [Fact]
    public async Task RevokingAKey_RevokesEveryKeyItCreated_DownTheChain_AndNoOther()
    {
        using var agency = await fx.CreateAgencyAsync();
        var leaked = await IssueAsync(agency.Client, agency.Id, Body(DateTimeOffset.UtcNow.AddDays(300), "keys"));
        using var leakedClient = fx.CreateClient(leaked.Key);
        var child = await IssueAsync(leakedClient, agency.Id, Body(DateTimeOffset.UtcNow.AddDays(200), "keys"));
        using var childClient = fx.CreateClient(child.Key);
        var grandchild = await IssueAsync(childClient, agency.Id, null);
        var sibling = await IssueAsync(agency.Client, agency.Id, null);

        using var revoked = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{leaked.Id}", Http.Ct);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        foreach (var key in new[] { leaked.Key, child.Key, grandchild.Key })
        {
            using var client = fx.CreateClient(key);
            using var me = await client.GetAsync("/v1/me", Http.Ct);
            await me.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var siblingClient = fx.CreateClient(sibling.Key);
        using var stillWorks = await siblingClient.GetAsync("/v1/me", Http.Ct);
        await stillWorks.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AKeyRetiringItself_KeepsItsSuccessor_UntilSomeoneElseRevokesIt()
    {
        using var agency = await fx.CreateAgencyAsync();
        var successor = await IssueAsync(agency.Client, agency.Id, Body(DateTimeOffset.UtcNow.AddDays(100), "keys"));
        using var successorClient = fx.CreateClient(successor.Key);
        using var me = await agency.Client.GetAsync("/v1/me", Http.Ct);
        var oldKeyId = (string)(await me.ExpectAsync(HttpStatusCode.OK))["keyId"]!;

        using var retired = await agency.Client.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{oldKeyId}", Http.Ct);
        Assert.Equal(HttpStatusCode.NoContent, retired.StatusCode);
        using (var afterRotation = await successorClient.GetAsync("/v1/me", Http.Ct))
        {
            await afterRotation.ExpectAsync(HttpStatusCode.OK);
        }

        using var admin = fx.CreateAdminClient();
        using var revokedAgain = await admin.DeleteAsync($"/v1/agencies/{agency.Id}/api-keys/{oldKeyId}", Http.Ct);
        Assert.Equal(HttpStatusCode.NoContent, revokedAgain.StatusCode);
        using var afterRevocation = await successorClient.GetAsync("/v1/me", Http.Ct);
        await afterRevocation.ExpectProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task ParallelIssues_NeverExceedTheActiveKeyCap()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var admin = fx.CreateAdminClient();

        var responses = await Reliable.ReleaseTogetherAsync(DefaultMaxActive + 6, _ => admin.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null));
        try
        {
            await Reliable.AssertNoServerErrorsAsync(responses);
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity }));
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }

        using var listed = await admin.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct);
        var items = (await listed.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        Assert.Equal(DefaultMaxActive, items.Count);
    }

    private static JsonObject Body(DateTimeOffset expiresAt, params string[] permissions) => new()
    {
        ["expiresAt"] = expiresAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["permissions"] = new JsonArray([.. permissions.Select(p => (JsonNode)p)]),
    };

    private static async Task<(string Id, string Key, DateTimeOffset ExpiresAt)> IssueAsync(HttpClient client, Guid agencyId, JsonObject? body)
    {
        using var response = await client.PostJsonAsync($"/v1/agencies/{agencyId}/api-keys", body);
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["key"]!, DateTimeOffset.Parse((string)created["expiresAt"]!, CultureInfo.InvariantCulture));
    }
}

public sealed class KeyLineageTests_Sqlite(ApiFixture<Sqlite> fx) : KeyLineageTests<Sqlite>(fx);

public sealed class KeyLineageTests_Postgres(ApiFixture<Postgres> fx) : KeyLineageTests<Postgres>(fx);

public sealed class KeyLineageTests_SqlServer(ApiFixture<SqlServer> fx) : KeyLineageTests<SqlServer>(fx);
