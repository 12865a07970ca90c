using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Vocabularies;

/// <summary>
/// GET /v1/vocabularies serves every code list of the committed record (<c>code-lists.md</c>), with
/// its Indonesian labels, an English label for each code, the SIMFONI-PPA mapping, and West
/// Kalimantan's Kemendagri regions.
/// </summary>
public sealed class VocabularyTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    /// <summary>Section of the record → list of the answer.</summary>
    private static readonly Dictionary<string, string> Lists = new(StringComparer.Ordinal)
    {
        ["violenceTypes"] = "violenceTypes",
        ["trafficking.purposes"] = "traffickingPurposes",
        ["trafficking.modes"] = "traffickingModes",
        ["servicesRequested"] = "services",
        ["urgency"] = "urgencies",
        ["statuses"] = "statuses",
        ["reasonCodes"] = "reasonCodes",
        ["legalBasis"] = "legalBases",
        ["sectors"] = "sectors",
        ["places"] = "places",
        ["borderPosts"] = "borderPosts",
        ["attachmentKinds"] = "attachmentKinds",
    };

    [Fact]
    public async Task EveryExpectedCodeList_IsServed_WithItsIndonesianLabels()
    {
        var expected = ExpectedCodeLists.Read();
        var vocabularies = await VocabulariesAsync();

        Assert.Equal(Lists.Keys.Append("regionCode").Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        foreach (var (section, list) in Lists)
        {
            var served = vocabularies[list]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => e!);
            Assert.Equal(expected[section].Select(item => item[0]).Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
            foreach (var item in expected[section])
            {
                var labels = served[item[0]]["labels"]!;
                var indonesian = (string)labels["id"]!;
                Assert.True(indonesian == item[1] || indonesian == ExpectedCodeLists.WithoutRemark(item[1]), $"{section}.{item[0]}: '{indonesian}' is not '{item[1]}'.");
                Assert.False(string.IsNullOrWhiteSpace((string?)labels["en"]), $"{section}.{item[0]} has no English label.");
                if (item.Length > 2)
                {
                    Assert.Equal(item[2], (string?)labels["en"]);
                }
            }
        }
    }

    [Fact]
    public async Task BorderPosts_CarryTheirKemendagriDistrictCodes()
    {
        var expected = ExpectedCodeLists.Read();
        var served = (await VocabulariesAsync())["borderPosts"]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => (string?)e!["regionCode"]);

        Assert.All(expected["borderPosts"], item => Assert.Equal(ExpectedCodeLists.Remark(item[1]), served[item[0]]));
    }

    [Fact]
    public async Task Regions_AreWestKalimantansKemendagriCodes_WithTheirNames()
    {
        var expected = ExpectedCodeLists.Read()["regionCode"].Select(item => item[0].Split(' ', 2)).ToList();
        var served = (await VocabulariesAsync())["regions"]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => e!);

        Assert.Equal(expected.Select(r => r[0]).Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
        foreach (var region in expected)
        {
            var entry = served[region[0]];
            Assert.EndsWith(region[1], (string)entry["labels"]!["id"]!, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace((string?)entry["labels"]!["en"]));
            Assert.Equal(region[0].Contains('.', StringComparison.Ordinal) ? region[0][..region[0].LastIndexOf('.')] : null, (string?)entry["parentCode"]);
        }
    }

    [Fact]
    public async Task ViolenceTypes_AllMapToSimfoni_AndServicesAndPlacesSayWhetherTheyDo()
    {
        var vocabularies = await VocabulariesAsync();

        Assert.All(vocabularies["violenceTypes"]!.AsArray(), e => Assert.False(string.IsNullOrWhiteSpace((string?)e!["simfoni"])));
        foreach (var list in new[] { "services", "places" })
        {
            Assert.All(vocabularies[list]!.AsArray(), e => Assert.True(e!.AsObject().ContainsKey("simfoni"), $"{list}.{e["code"]} has no simfoni field."));
            Assert.Contains(vocabularies[list]!.AsArray(), e => e!["simfoni"] is not null);
        }
    }

    [Fact]
    public async Task Urgencies_GiveTheHoursOfTheLaw()
    {
        var urgencies = (await VocabulariesAsync())["urgencies"]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => (int)e!["respondWithinHours"]!);

        Assert.Equal(new Dictionary<string, int> { ["emergency"] = 24, ["urgent"] = 72, ["routine"] = 168 }, urgencies);
    }

    private async Task<JsonNode> VocabulariesAsync()
    {
        using var anonymous = fx.CreateClient();
        using var response = await anonymous.GetAsync("/v1/vocabularies", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }
}
