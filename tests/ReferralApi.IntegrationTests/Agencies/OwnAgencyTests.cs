using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>PATCH /v1/me/agency: an agency keeps its own capacity and services current, and nothing else.</summary>
public abstract class OwnAgencyTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Update_ChangesCapacityAndServices_AndTheDirectoryShowsThem()
    {
        using var shelter = await fx.CreateAgencyAsync(services: ["safe_house"]);

        using var response = await shelter.Client.PatchJsonAsync("/v1/me/agency", new JsonObject
        {
            ["capacityStatus"] = "full",
            ["services"] = new JsonArray("safe_house", "psychosocial"),
        });

        var updated = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("full", (string?)updated["capacityStatus"]);
        Assert.Equal("""["safe_house","psychosocial"]""", updated["services"]!.ToJsonString());
        var listed = await (await shelter.Client.GetAsync($"/v1/agencies?q={shelter.Code}&capacityStatus=full&service=psychosocial", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(shelter.Id.ToString(), (string?)Assert.Single(listed["items"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task Update_LeavesAbsentFieldsAsTheyWere()
    {
        using var shelter = await fx.CreateAgencyAsync(services: ["safe_house", "medical"]);
        var before = await (await shelter.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);

        using var response = await shelter.Client.PatchJsonAsync("/v1/me/agency", new JsonObject { ["capacityStatus"] = "limited" });

        var updated = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("limited", (string?)updated["capacityStatus"]);
        Assert.Equal("""["safe_house","medical"]""", updated["services"]!.ToJsonString());
        foreach (var field in new[] { "code", "name", "sector", "regionCode", "roles", "acceptsReferrals", "contact", "active", "createdAt" })
        {
            Assert.Equal(before["agency"]![field]!.ToJsonString(), updated[field]!.ToJsonString());
        }
    }

    [Theory]
    [InlineData("name", "\"Renamed\"", "$.name")]
    [InlineData("sector", "\"police\"", "$.sector")]
    [InlineData("regionCode", "\"61.01\"", "$.regionCode")]
    [InlineData("roles", "[\"agency\", \"oversight\"]", "$.roles")]
    [InlineData("acceptsReferrals", "false", "$.acceptsReferrals")]
    [InlineData("active", "false", "$.active")]
    [InlineData("capacityStatus", "\"busy\"", "$.capacityStatus")]
    [InlineData("services", "[]", "$.services")]
    [InlineData("services", "[\"medical\", \"medical\"]", "$.services")]
    [InlineData("services", "[\"counselling\"]", "$.services[0]")]
    public async Task Update_Returns400_NamingTheField_AndChangesNothing(string field, string json, string expectedPath)
    {
        using var shelter = await fx.CreateAgencyAsync();
        var before = await (await shelter.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);

        using var response = await shelter.Client.PatchJsonAsync("/v1/me/agency", new JsonObject { [field] = JsonNode.Parse(json) });

        await ProblemAssert.ExpectValidationAsync(response, expectedPath);
        var after = await (await shelter.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task Update_Returns403_ForTheAdminKey_AndForAnOversightOnlyKey()
    {
        using var admin = fx.CreateAdminClient();
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"]);
        var body = new JsonObject { ["capacityStatus"] = "closed" };

        using var asAdmin = await admin.PatchJsonAsync("/v1/me/agency", body);
        using var asOversight = await oversight.Client.PatchJsonAsync("/v1/me/agency", body.DeepClone());

        await ProblemAssert.ExpectAsync(asAdmin, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.ExpectAsync(asOversight, HttpStatusCode.Forbidden, "forbidden");
        var me = await (await oversight.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("open", (string?)me["agency"]!["capacityStatus"]);
    }

    [Fact]
    public async Task Update_ChangesOnlyTheCallersOwnAgency()
    {
        using var shelter = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();

        using var response = await shelter.Client.PatchJsonAsync("/v1/me/agency", new JsonObject { ["capacityStatus"] = "closed" });

        await response.ExpectAsync(HttpStatusCode.OK);
        var untouched = await (await shelter.Client.GetAsync($"/v1/agencies/{other.Id}", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("open", (string?)untouched["capacityStatus"]);
    }
}

public sealed class OwnAgencyTests_Sqlite(ApiFixture<Sqlite> fx) : OwnAgencyTests<Sqlite>(fx);

public sealed class OwnAgencyTests_Postgres(ApiFixture<Postgres> fx) : OwnAgencyTests<Postgres>(fx);

public sealed class OwnAgencyTests_SqlServer(ApiFixture<SqlServer> fx) : OwnAgencyTests<SqlServer>(fx);
