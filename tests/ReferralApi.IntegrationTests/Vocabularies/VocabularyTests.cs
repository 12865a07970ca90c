using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Vocabularies;

/// <summary>
/// GET /v1/vocabularies serves every code list of the domain notes, with the notes' Indonesian
/// labels, an English label for each code, the SIMFONI-PPA mapping, and West Kalimantan's regions.
/// </summary>
public sealed class VocabularyTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    /// <summary>Section of the notes → list of the answer.</summary>
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
    };

    [Fact]
    public async Task EveryCodeListOfTheDomainNotes_IsServed_WithItsIndonesianLabels()
    {
        var notes = DomainNotes.Read(NotesPath());
        var vocabularies = await VocabulariesAsync();

        Assert.Equal(Lists.Keys.Append("regionCode").Order(StringComparer.Ordinal), notes.Keys.Where(k => k != "Agencies").Order(StringComparer.Ordinal));
        foreach (var (section, list) in Lists)
        {
            var served = vocabularies[list]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => e!);
            Assert.Equal(notes[section].Select(item => item[0]).Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
            foreach (var item in notes[section])
            {
                var labels = served[item[0]]["labels"]!;
                var indonesian = (string)labels["id"]!;
                Assert.True(indonesian == item[1] || indonesian == DomainNotes.WithoutRemark(item[1]), $"{section}.{item[0]}: '{indonesian}' is not '{item[1]}'.");
                Assert.False(string.IsNullOrWhiteSpace((string?)labels["en"]), $"{section}.{item[0]} has no English label.");
                if (item.Length > 2)
                {
                    Assert.Equal(item[2], (string?)labels["en"]);
                }
            }
        }
    }

    [Fact]
    public async Task BorderPosts_CarryTheDistrictCodesOfTheNotes()
    {
        var notes = DomainNotes.Read(NotesPath());
        var served = (await VocabulariesAsync())["borderPosts"]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => (string?)e!["regionCode"]);

        Assert.All(notes["borderPosts"], item => Assert.Equal(DomainNotes.Remark(item[1]), served[item[0]]));
    }

    [Fact]
    public async Task Regions_AreWestKalimantansKemendagriCodes_WithTheNamesOfTheNotes()
    {
        var notes = DomainNotes.Read(NotesPath())["regionCode"].Select(item => item[0].Split(' ', 2)).ToList();
        var served = (await VocabulariesAsync())["regions"]!.AsArray().ToDictionary(e => (string)e!["code"]!, e => e!);

        Assert.Equal(notes.Select(n => n[0]).Order(StringComparer.Ordinal), served.Keys.Order(StringComparer.Ordinal));
        foreach (var note in notes)
        {
            var region = served[note[0]];
            Assert.EndsWith(note[1], (string)region["labels"]!["id"]!, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace((string?)region["labels"]!["en"]));
            Assert.Equal(note[0].Contains('.', StringComparison.Ordinal) ? note[0][..note[0].LastIndexOf('.')] : null, (string?)region["parentCode"]);
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

    private static string NotesPath() =>
        DomainNotes.Find() ?? throw new InvalidOperationException($"The domain notes are expected at {DomainNotes.RelativePath} beside the repository.");
}
