using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>Registering and changing agencies is the admin's; every key may read the directory and itself.</summary>
public abstract class AgencyTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Create_Returns201_WithLocationOfTheNewAgency()
    {
        using var admin = fx.CreateAdminClient();
        var body = Body(UniqueCode());

        using var response = await admin.PostJsonAsync("/v1/agencies", body);

        var created = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/v1/agencies/{Scenario.IdOf(created)}", response.Headers.Location?.OriginalString);
        Assert.Equal((string?)body["code"], (string?)created["code"]);
        Assert.Equal("UPTD PPA Kabupaten Sambas", (string?)created["name"]);
        Assert.Equal("61.01", (string?)created["regionCode"]);
        Assert.Equal("""["psychosocial","safe_house"]""", created["services"]!.ToJsonString());
        Assert.Equal("open", (string?)created["capacityStatus"]);
        Assert.Equal("ppa@sambas.example.id", (string?)created["contact"]!["email"]);
        Assert.True((bool?)created["active"]);
        using var fetched = await admin.GetAsync(response.Headers.Location!.OriginalString, Http.Ct);
        Assert.Equal(created.ToJsonString(), (await fetched.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task Create_Returns409_WhenTheCodeIsTaken()
    {
        using var admin = fx.CreateAdminClient();
        var code = UniqueCode();
        using var first = await admin.PostJsonAsync("/v1/agencies", Body(code));
        await first.ExpectAsync(HttpStatusCode.Created);

        using var second = await admin.PostJsonAsync("/v1/agencies", Body(code).Set("name", "Another name"));

        await ProblemAssert.ExpectAsync(second, HttpStatusCode.Conflict, "duplicate-agency-code");
        using var listed = await admin.GetAsync("/v1/agencies?q=" + code, Http.Ct);
        Assert.Single((await listed.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray());
    }

    [Theory]
    [InlineData("code", "\"uptd-ppa\"", "$.code")]
    [InlineData("code", "\"A\"", "$.code")]
    [InlineData("code", "\"UPTD PPA\"", "$.code")]
    [InlineData("code", "\"UPTD_PPA\"", "$.code")]
    [InlineData("code", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"", "$.code")]
    [InlineData("regionCode", "\"6101\"", "$.regionCode")]
    [InlineData("regionCode", "\"61.1\"", "$.regionCode")]
    [InlineData("regionCode", "\"61.03.21.1\"", "$.regionCode")]
    [InlineData("contact", "{\"email\": \"not-an-email\"}", "$.contact.email")]
    [InlineData("contact", "{\"email\": \"a b@c.id\"}", "$.contact.email")]
    [InlineData("contact", "{\"email\": \"ppa@localhost\"}", "$.contact.email")]
    [InlineData("sector", "\"POLICE\"", "$.sector")]
    [InlineData("roles", "[]", "$.roles")]
    [InlineData("roles", "[\"admin\"]", "$.roles[0]")]
    public async Task Create_Returns400_NamingTheInvalidField(string field, string json, string expectedPath)
    {
        using var admin = fx.CreateAdminClient();

        using var response = await admin.PostJsonAsync("/v1/agencies", Body(UniqueCode()).SetJson(field, json));

        await ProblemAssert.ExpectValidationAsync(response, expectedPath);
    }

    [Fact]
    public async Task Create_Returns400_NamingEveryMissingField()
    {
        using var admin = fx.CreateAdminClient();

        using var response = await admin.PostJsonAsync("/v1/agencies", new JsonObject());

        await ProblemAssert.ExpectValidationAsync(response, "$.code", "$.name", "$.sector", "$.regionCode", "$.roles");
    }

    [Fact]
    public async Task CreateAndUpdate_Return403_ForAnAgencyKey_AndChangeNothing()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var create = await agency.Client.PostJsonAsync("/v1/agencies", Body(UniqueCode()));
        using var patchOther = await agency.Client.PatchJsonAsync($"/v1/agencies/{Guid.CreateVersion7()}", new JsonObject { ["name"] = "Renamed" });
        using var patchSelf = await agency.Client.PatchJsonAsync($"/v1/agencies/{agency.Id}", new JsonObject { ["acceptsReferrals"] = false });

        await ProblemAssert.ExpectAsync(create, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.ExpectAsync(patchOther, HttpStatusCode.Forbidden, "forbidden");
        await ProblemAssert.ExpectAsync(patchSelf, HttpStatusCode.Forbidden, "forbidden");
        using var self = await agency.Client.GetAsync($"/v1/agencies/{agency.Id}", Http.Ct);
        Assert.True((bool?)(await self.ExpectAsync(HttpStatusCode.OK))["acceptsReferrals"]);
    }

    [Fact]
    public async Task Create_Returns401_WithoutAKey()
    {
        using var anonymous = fx.CreateClient();

        using var response = await anonymous.PostJsonAsync("/v1/agencies", Body(UniqueCode()));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Get_Returns404_ForAnUnknownAgency()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync($"/v1/agencies/{Guid.CreateVersion7()}", Http.Ct);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Update_ChangesTheGivenFields_AndLeavesAbsentOnesAsTheyWere()
    {
        using var admin = fx.CreateAdminClient();
        using var created = await admin.PostJsonAsync("/v1/agencies", Body(UniqueCode()));
        var before = await created.ExpectAsync(HttpStatusCode.Created);
        var id = Scenario.IdOf(before);

        using var patched = await admin.PatchJsonAsync($"/v1/agencies/{id}",
            new JsonObject { ["name"] = "UPTD PPA Sambas (renamed)", ["capacityStatus"] = "full", ["acceptsReferrals"] = false });

        var after = await patched.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("UPTD PPA Sambas (renamed)", (string?)after["name"]);
        Assert.Equal("full", (string?)after["capacityStatus"]);
        Assert.False((bool?)after["acceptsReferrals"]);
        foreach (var unchanged in new[] { "id", "code", "sector", "regionCode", "roles", "services", "contact", "active", "createdAt" })
        {
            Assert.True(JsonNode.DeepEquals(before[unchanged], after[unchanged]), $"{unchanged} changed: {before[unchanged]?.ToJsonString()} → {after[unchanged]?.ToJsonString()}");
        }

        Assert.True(DateTimeOffset.Parse((string)after["updatedAt"]!) >= DateTimeOffset.Parse((string)before["updatedAt"]!));
        using var fetched = await admin.GetAsync($"/v1/agencies/{id}", Http.Ct);
        Assert.Equal(after.ToJsonString(), (await fetched.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
    }

    [Theory]
    [InlineData("code", "\"NEW-CODE\"", "$.code")]
    [InlineData("regionCode", "\"6\"", "$.regionCode")]
    [InlineData("name", "\"  \"", "$.name")]
    public async Task Update_Returns400_NamingTheField_AndChangesNothing(string field, string json, string expectedPath)
    {
        using var admin = fx.CreateAdminClient();
        using var created = await admin.PostJsonAsync("/v1/agencies", Body(UniqueCode()));
        var before = await created.ExpectAsync(HttpStatusCode.Created);

        using var patched = await admin.PatchJsonAsync($"/v1/agencies/{Scenario.IdOf(before)}", new JsonObject().SetJson(field, json));

        await ProblemAssert.ExpectValidationAsync(patched, expectedPath);
        using var fetched = await admin.GetAsync($"/v1/agencies/{Scenario.IdOf(before)}", Http.Ct);
        Assert.Equal(before.ToJsonString(), (await fetched.ExpectAsync(HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task Update_Returns404_ForAnUnknownAgency()
    {
        using var admin = fx.CreateAdminClient();

        using var response = await admin.PatchJsonAsync($"/v1/agencies/{Guid.CreateVersion7()}", new JsonObject { ["name"] = "Nobody" });

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Me_ReturnsTheCallersAgencyAndRoles()
    {
        using var plain = await fx.CreateAgencyAsync();
        using var both = await fx.CreateAgencyAsync(roles: ["agency", "oversight"]);
        using var admin = fx.CreateAdminClient();

        var plainMe = await (await plain.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        var bothMe = await (await both.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        var adminMe = await (await admin.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(plain.Id.ToString(), (string?)plainMe["agency"]!["id"]);
        Assert.Equal(plain.Code, (string?)plainMe["agency"]!["code"]);
        Assert.Equal("""["agency"]""", plainMe["roles"]!.ToJsonString());
        Assert.NotNull((string?)plainMe["keyId"]);
        Assert.Equal(both.Id.ToString(), (string?)bothMe["agency"]!["id"]);
        Assert.Equal("""["agency","oversight"]""", bothMe["roles"]!.ToJsonString());
        Assert.Null(adminMe["agency"]);
        Assert.Equal("""["admin"]""", adminMe["roles"]!.ToJsonString());
    }

    private static string UniqueCode() => "UPTD-PPA-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static JsonObject Body(string code) => new()
    {
        ["code"] = code,
        ["name"] = "UPTD PPA Kabupaten Sambas",
        ["sector"] = "women_child_protection",
        ["regionCode"] = "61.01",
        ["roles"] = new JsonArray("agency"),
        ["services"] = new JsonArray("psychosocial", "safe_house"),
        ["contact"] = new JsonObject { ["email"] = "ppa@sambas.example.id", ["phone"] = "+62 562 000000" },
    };
}

public sealed class AgencyTests_Sqlite(ApiFixture<Sqlite> fx) : AgencyTests<Sqlite>(fx);

public sealed class AgencyTests_Postgres(ApiFixture<Postgres> fx) : AgencyTests<Postgres>(fx);

public sealed class AgencyTests_SqlServer(ApiFixture<SqlServer> fx) : AgencyTests<SqlServer>(fx);
