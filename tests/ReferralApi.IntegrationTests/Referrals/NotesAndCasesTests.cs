using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>Notes pass between the two parties; onward referrals build a case whose chain each agency sees as far as it is a party.</summary>
public abstract class NotesAndCasesTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AddNote_Returns201_AndBothPartiesListNotesOldestFirst()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "received");

        var first = await AddNoteAsync(sender, id, "Survivor prefers a female counsellor.");
        var second = await AddNoteAsync(receiver, id, "Noted; intake on Monday.");
        var third = await AddNoteAsync(sender, id, "Terima kasih.");

        foreach (var party in new[] { sender, receiver })
        {
            using var response = await party.Client.GetAsync($"/v1/referrals/{id}/notes", Http.Ct);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            var items = page["items"]!.AsArray();
            Assert.Equal([first, second, third], items.Select(n => n!.ToJsonString()));
            Assert.Null((string?)page["nextCursor"]);
        }

        var author = JsonNode.Parse(second)!;
        Assert.Equal(receiver.Id, Guid.Parse((string)author["authorAgencyId"]!));
        Assert.Equal(id, Guid.Parse((string)author["referralId"]!));
        Assert.Equal("Noted; intake on Monday.", (string?)author["text"]);
    }

    [Fact]
    public async Task ListNotes_PagesWithLimitAndCursor_EachNoteExactlyOnceInOrder()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var posted = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            posted.Add(Scenario.IdOf(JsonNode.Parse(await AddNoteAsync(i % 2 == 0 ? sender : receiver, id, $"Note {i}"))!));
        }

        var listed = await ReferralSteps.AllPagesAsync(receiver.Client, $"/v1/referrals/{id}/notes", 3);

        Assert.Equal(posted, listed);
    }

    [Fact]
    public async Task AddNote_Returns400NamingText_WhenTextMissing()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");

        using var response = await sender.Client.PostJsonAsync($"/v1/referrals/{id}/notes", new JsonObject { ["text"] = " " });

        var problem = await response.ExpectProblemAsync(HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotEmpty(problem["errors"]!["$.text"]!.AsArray());
    }

    [Fact]
    public async Task OnwardReferral_JoinsCase_AndCaseShowsChainWithSubjectOnlyWhereCallerIsParty()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync();
        var first = await Scenario.SendReferralAsync(police, shelter);
        await Scenario.AcknowledgeAsync(shelter, Scenario.IdOf(first), "accepted");

        var onward = await Scenario.SendReferralAsync(shelter, hospital, b => b["previousReferralId"] = (string)first["id"]!);

        var caseId = (string)first["caseId"]!;
        Assert.Equal(caseId, (string?)onward["caseId"]);
        Assert.Equal((string?)first["id"], (string?)onward["previousReferralId"]);

        var asShelter = await GetCaseAsync(shelter, caseId);
        Assert.Equal(caseId, (string?)asShelter["id"]);
        Assert.True(DateTimeOffset.Parse((string)asShelter["openedAt"]!, System.Globalization.CultureInfo.InvariantCulture)
            <= DateTimeOffset.Parse((string)first["createdAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        var chain = asShelter["referrals"]!.AsArray();
        Assert.Equal([(string)first["id"]!, (string)onward["id"]!], chain.Select(r => (string)r!["id"]!));
        Assert.Null((string?)chain[0]!["previousReferralId"]);
        Assert.Equal((string?)first["id"], (string?)chain[1]!["previousReferralId"]);
        Assert.Equal(shelter.Id, Guid.Parse((string)chain[1]!["fromAgencyId"]!));
        Assert.Equal(hospital.Id, Guid.Parse((string)chain[1]!["toAgencyId"]!));
        Assert.Equal("accepted", (string?)chain[0]!["status"]);
        Assert.Equal("sent", (string?)chain[1]!["status"]);
        Assert.Equal(["psychosocial", "safe_house"], ReferralSteps.Strings(chain[1]!["servicesRequested"]));
        Assert.Equal((string?)onward["createdAt"], (string?)chain[1]!["createdAt"]);
        Assert.Equal((string?)onward["updatedAt"], (string?)chain[1]!["updatedAt"]);
        Assert.Equal(0, (int)asShelter["otherReferrals"]!["count"]!);

        // Each party sees the subject on its own links as that party may see it.
        Assert.All(chain, r => Assert.Equal("Siti Aminah Testdata", (string?)r!["subject"]!["fullName"]));
        var asHospital = (await GetCaseAsync(hospital, caseId))["referrals"]!.AsArray();
        Assert.Equal([(string)onward["id"]!], asHospital.Select(r => (string)r!["id"]!));
        Assert.Equal("S.A.", (string?)asHospital[0]!["subject"]!["initials"]);
        Assert.Null(asHospital[0]!["subject"]!["fullName"]);
    }

    [Fact]
    public async Task APastParty_SeesOnlyItsOwnLinks_AndOfTheRestOnlyACountByStatus()
    {
        using var police = await fx.CreateAgencyAsync();
        using var decliner = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync();
        var declined = await Scenario.SendReferralAsync(police, decliner);
        var caseId = (string)declined["caseId"]!;
        await Scenario.AcknowledgeAsync(decliner, Scenario.IdOf(declined), "declined");
        var toShelter = await Scenario.SendReferralAsync(police, shelter, b => b["caseId"] = caseId);
        await Scenario.AcknowledgeAsync(shelter, Scenario.IdOf(toShelter), "accepted");
        var onward = await Scenario.SendReferralAsync(shelter, hospital, b => b["previousReferralId"] = (string)toShelter["id"]!);

        using var response = await decliner.Client.GetAsync($"/v1/cases/{caseId}", Http.Ct);
        var text = await response.Content.ReadAsStringAsync(Http.Ct);
        var asDecliner = await response.ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([(string)declined["id"]!], asDecliner["referrals"]!.AsArray().Select(r => (string)r!["id"]!));
        var others = asDecliner["otherReferrals"]!;
        Assert.Equal(2, (int)others["count"]!);
        Assert.Equal(["accepted:1", "sent:1"], others["byStatus"]!.AsArray().Select(s => $"{(string)s!["status"]!}:{(int)s["count"]!}").Order(StringComparer.Ordinal));
        foreach (var hidden in new[] { shelter.Id.ToString(), hospital.Id.ToString(), (string)toShelter["id"]!, (string)onward["id"]! })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        var accessLog = await Privacy.AccessLogApi.ForReferralAsync(shelter.Client, Scenario.IdOf(onward));
        Assert.DoesNotContain(accessLog, row => (string?)row["agencyId"] == decliner.Id.ToString());
    }

    [Fact]
    public async Task Create_JoinsNamedCase_WhenCallerIsPartyToIt()
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        using var hospital = await fx.CreateAgencyAsync();
        var caseId = (string)(await Scenario.SendReferralAsync(police, shelter))["caseId"]!;

        var joined = await Scenario.SendReferralAsync(shelter, hospital, b => b["caseId"] = caseId);

        Assert.Equal(caseId, (string?)joined["caseId"]);
        var asHospital = await GetCaseAsync(hospital, caseId);
        Assert.Single(asHospital["referrals"]!.AsArray());
        Assert.Equal(1, (int)asHospital["otherReferrals"]!["count"]!);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Create_Returns422CaseUnavailable_WhenCallerIsNotPartyToCase(bool caseExists)
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        using var outsider = await fx.CreateAgencyAsync();
        var caseId = caseExists ? (string)(await Scenario.SendReferralAsync(police, shelter))["caseId"]! : Guid.CreateVersion7().ToString();
        var body = Scenario.ReferralBody(shelter.Id);
        body["caseId"] = caseId;

        using var response = await outsider.Client.PostJsonAsync("/v1/referrals", body);

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "case-unavailable");
        Assert.Empty(await ReferralSteps.AllPagesAsync(outsider.Client, "/v1/referrals", 50));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Create_Returns422PreviousReferralUnavailable_WhenPreviousReferralNotVisible(bool previousExists)
    {
        using var police = await fx.CreateAgencyAsync();
        using var shelter = await fx.CreateAgencyAsync();
        using var outsider = await fx.CreateAgencyAsync();
        var previous = previousExists ? (string)(await Scenario.SendReferralAsync(police, shelter))["id"]! : Guid.CreateVersion7().ToString();
        var body = Scenario.ReferralBody(shelter.Id);
        body["previousReferralId"] = previous;

        using var response = await outsider.Client.PostJsonAsync("/v1/referrals", body);

        await response.ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "previous-referral-unavailable");
        Assert.Empty(await ReferralSteps.AllPagesAsync(outsider.Client, "/v1/referrals", 50));
    }

    private static async Task<string> AddNoteAsync(TestAgency author, Guid referralId, string text)
    {
        using var response = await author.Client.PostJsonAsync($"/v1/referrals/{referralId}/notes", new JsonObject { ["text"] = text });
        var note = await response.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/v1/referrals/{referralId}/notes/{(string)note["id"]!}", response.Headers.Location?.OriginalString);
        Assert.Equal(author.Id, Guid.Parse((string)note["authorAgencyId"]!));
        Assert.Equal(text, (string?)note["text"]);
        return note.ToJsonString();
    }

    private static async Task<JsonNode> GetCaseAsync(TestAgency caller, string caseId)
    {
        using var response = await caller.Client.GetAsync($"/v1/cases/{caseId}", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class NotesAndCasesTests_Sqlite(ApiFixture<Sqlite> fx) : NotesAndCasesTests<Sqlite>(fx);

public sealed class NotesAndCasesTests_Postgres(ApiFixture<Postgres> fx) : NotesAndCasesTests<Postgres>(fx);

public sealed class NotesAndCasesTests_SqlServer(ApiFixture<SqlServer> fx) : NotesAndCasesTests<SqlServer>(fx);
