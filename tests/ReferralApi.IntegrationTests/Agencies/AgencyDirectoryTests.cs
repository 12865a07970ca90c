using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Agencies;

/// <summary>
/// GET /v1/agencies: filters by sector, region (with everything inside it and the regions around it),
/// service, capacity and text, and pages by keyset. Each test names its agencies with a token of its own and filters on it.
/// </summary>
public abstract class AgencyDirectoryTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    private readonly string token = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task Sector_ListsOnlyAgenciesOfThatSector()
    {
        await CreateAsync("A", sector: "police");
        await CreateAsync("B", sector: "health");

        Assert.Equal(["A"], await NamesAsync("sector=police"));
    }

    [Theory]
    [InlineData("61", "A B C D")]
    [InlineData("61.03", "A B C")]
    [InlineData("61.03.21", "A B C")]
    [InlineData("61.03.22", "A B")]
    [InlineData("61.04", "A D")]
    [InlineData("62", "")]
    public async Task RegionCode_MatchesTheRegion_EverythingInsideIt_AndTheRegionsAroundIt(string region, string expected)
    {
        await CreateAsync("A", region: "61");
        await CreateAsync("B", region: "61.03");
        await CreateAsync("C", region: "61.03.21");
        await CreateAsync("D", region: "61.04");

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), await NamesAsync("regionCode=" + region));
    }

    [Fact]
    public async Task RegionCode_OfARegency_FindsTheProvincialServices()
    {
        // A victim in Sambas (61.01): the provincial UPTD PPA (61) serves there, Sanggau's (61.03) does not.
        await CreateAsync("A", region: "61", services: ["safe_house"]);
        await CreateAsync("B", region: "61.01", services: ["safe_house"]);
        await CreateAsync("C", region: "61.03", services: ["safe_house"]);

        Assert.Equal(["A", "B"], await NamesAsync("regionCode=61.01&service=safe_house"));
    }

    [Fact]
    public async Task CapacityStatus_ListsAgenciesInAnyOfTheGivenStates()
    {
        await CreateAsync("A", capacity: "open");
        await CreateAsync("B", capacity: "limited");
        await CreateAsync("C", capacity: "full");
        await CreateAsync("D", capacity: "closed");

        Assert.Equal(["C"], await NamesAsync("capacityStatus=full"));
        Assert.Equal(["A", "B"], await NamesAsync("capacityStatus=open,limited"));
    }

    [Fact]
    public async Task Service_ListsAgenciesOfferingIt()
    {
        await CreateAsync("A", services: ["legal_aid"]);
        await CreateAsync("B", services: ["medical", "legal_aid"]);
        await CreateAsync("C", services: ["medical"]);

        Assert.Equal(["A", "B"], await NamesAsync("service=legal_aid"));
        Assert.Equal(["B", "C"], await NamesAsync("service=medical"));
    }

    [Fact]
    public async Task Text_MatchesNameOrCode_IgnoringCase_AndTakesWildcardsLiterally()
    {
        var code = await CreateAsync("A");
        await CreateAsync("B");

        Assert.Equal(["A", "B"], await NamesAsync(null, "q=directory " + token.ToLowerInvariant()));
        Assert.Equal(["A"], await NamesAsync(null, "q=" + code.ToLowerInvariant()));
        Assert.Empty(await NamesAsync(null, "q=%25"));
        Assert.Empty(await NamesAsync(null, "q=_"));
    }

    [Fact]
    public async Task Filters_Combine()
    {
        await CreateAsync("A", sector: "health", region: "61.71", services: ["medical"]);
        await CreateAsync("B", sector: "health", region: "61.72", services: ["medical"]);
        await CreateAsync("C", sector: "police", region: "61.71", services: ["medical"]);
        await CreateAsync("D", sector: "health", region: "61.71", services: ["legal_aid"]);

        Assert.Equal(["A"], await NamesAsync("sector=health&regionCode=61.71&service=medical"));
    }

    [Fact]
    public async Task InactiveAgencies_AreHiddenFromAgencies_ButListedForTheAdmin()
    {
        await CreateAsync("A");
        var hidden = await CreateAsync("B");
        using var admin = fx.CreateAdminClient();
        var id = (string)(await (await admin.GetAsync("/v1/agencies?q=" + hidden, Http.Ct)).ExpectAsync(HttpStatusCode.OK))["items"]![0]!["id"]!;
        using var deactivated = await admin.PatchJsonAsync($"/v1/agencies/{id}", new JsonObject { ["active"] = false });
        await deactivated.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["A"], await NamesAsync(""));
        using var adminList = await admin.GetAsync($"/v1/agencies?q=Directory%20{token}", Http.Ct);
        Assert.Equal(2, (await adminList.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Pages_FollowTheCursor_UntilItIsNull_InNameOrder()
    {
        foreach (var suffix in new[] { "5", "2", "4", "1", "3" })
        {
            await CreateAsync(suffix);
        }

        using var agency = await fx.CreateAgencyAsync();
        var (page1, cursor1) = await PageAsync(agency.Client, null);
        var (page2, cursor2) = await PageAsync(agency.Client, cursor1);
        var (page3, cursor3) = await PageAsync(agency.Client, cursor2);

        Assert.Equal(["1", "2"], page1);
        Assert.Equal(["3", "4"], page2);
        Assert.Equal(["5"], page3);
        Assert.NotNull(cursor2);
        Assert.Null(cursor3);
    }

    [Fact]
    public async Task Pages_NeitherRepeatNorSkip_WhenAnAgencySortingEarlierIsAddedBetweenPages()
    {
        foreach (var suffix in new[] { "2", "3", "4", "5" })
        {
            await CreateAsync(suffix);
        }

        using var agency = await fx.CreateAgencyAsync();
        var (page1, cursor1) = await PageAsync(agency.Client, null);
        await CreateAsync("1");
        var (page2, _) = await PageAsync(agency.Client, cursor1);

        Assert.Equal(["2", "3"], page1);
        Assert.Equal(["4", "5"], page2);
    }

    [Theory]
    [InlineData("sector=POLICE", "sector")]
    [InlineData("service=counselling", "service")]
    [InlineData("regionCode=6", "regionCode")]
    [InlineData("capacityStatus=busy", "capacityStatus")]
    [InlineData("capacityStatus=open,FULL", "capacityStatus")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("q=Directory%00", "q")]
    public async Task BadFilter_Returns400_NamingTheParameter(string query, string parameter)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync("/v1/agencies?" + query, Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, parameter);
    }

    [Theory]
    [InlineData("[\"Directory\"]")]
    [InlineData("[\"Directory\", \"0193a0c4-0000-7000-8000-000000000000\", \"extra\"]")]
    [InlineData("[\"Directory\", \"not-a-guid\"]")]
    [InlineData("[\"Directory\\u0000\", \"0193a0c4-0000-7000-8000-000000000000\"]")]
    public async Task ForgedCursor_Returns400_NamingTheCursor(string payload)
    {
        using var agency = await fx.CreateAgencyAsync();
        var cursor = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        using var response = await agency.Client.GetAsync("/v1/agencies?cursor=" + cursor, Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, "cursor");
    }

    /// <summary>Creates "Directory {token} {suffix}" and returns its code.</summary>
    private async Task<string> CreateAsync(string suffix, string sector = "social_services", string region = "61", string[]? services = null, string capacity = "open")
    {
        using var admin = fx.CreateAdminClient();
        var code = $"DIR-{token}-{suffix}";
        using var response = await admin.PostJsonAsync("/v1/agencies", new JsonObject
        {
            ["code"] = code,
            ["name"] = $"Directory {token} {suffix}",
            ["sector"] = sector,
            ["regionCode"] = region,
            ["roles"] = new JsonArray("agency"),
            ["services"] = new JsonArray([.. (services ?? ["psychosocial"]).Select(s => (JsonNode?)s)]),
            ["capacityStatus"] = capacity,
        });
        await response.ExpectAsync(HttpStatusCode.Created);
        return code;
    }

    /// <summary>The suffixes of this test's agencies that an agency key sees with the given filters, in order.</summary>
    private async Task<string[]> NamesAsync(string? filters, string? text = null)
    {
        using var agency = await fx.CreateAgencyAsync();
        var query = (text ?? $"q=Directory%20{token}") + (string.IsNullOrEmpty(filters) ? string.Empty : "&" + filters);
        using var response = await agency.Client.GetAsync("/v1/agencies?" + query, Http.Ct);
        var items = (await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        return [.. items.Select(i => ((string)i!["name"]!).Split(' ')[^1])];
    }

    private async Task<(string[] Suffixes, string? Next)> PageAsync(HttpClient client, string? cursor)
    {
        var url = $"/v1/agencies?q=Directory%20{token}&limit=2" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
        using var response = await client.GetAsync(url, Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        return ([.. page["items"]!.AsArray().Select(i => ((string)i!["name"]!).Split(' ')[^1])], (string?)page["nextCursor"]);
    }
}

public sealed class AgencyDirectoryTests_Sqlite(ApiFixture<Sqlite> fx) : AgencyDirectoryTests<Sqlite>(fx);

public sealed class AgencyDirectoryTests_Postgres(ApiFixture<Postgres> fx) : AgencyDirectoryTests<Postgres>(fx);

public sealed class AgencyDirectoryTests_SqlServer(ApiFixture<SqlServer> fx) : AgencyDirectoryTests<SqlServer>(fx);
