using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>A referral shared on consent keeps its consent record, and a child's consent comes from a guardian (UU 27/2022 art. 25).</summary>
public abstract class ConsentRecordTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("birthDate", 17)]
    [InlineData("ageYears", 17)]
    [InlineData("ageYears", 0)]
    public async Task Create_Returns400NamingGivenBy_WhenAChildConsentsAlone(string ageField, int years)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", WithAge(Scenario.ReferralBody(receiver.Id), ageField, years));

        var problem = await ProblemAssert.ExpectValidationAsync(response, "$.consent.givenBy");
        Assert.Single(problem["errors"]!.AsObject());
    }

    [Theory]
    [InlineData("birthDate", 17, "guardian")]
    [InlineData("ageYears", 17, "guardian")]
    [InlineData("birthDate", 18, "subject")]
    [InlineData("ageYears", 18, "subject")]
    public async Task Create_StoresTheConsentRecord_AndBothPartiesSeeIt(string ageField, int years, string givenBy)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var body = WithAge(Scenario.ReferralBody(receiver.Id), ageField, years).Set("consent.givenBy", givenBy);

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);
        var id = Scenario.IdOf(await response.ExpectAsync(HttpStatusCode.Created));

        foreach (var party in new[] { sender, receiver })
        {
            var referral = await ReferralSteps.GetAsync(party, id);
            Assert.Equal("consent", (string?)referral["legalBasis"]);
            JsonAssert.ContainsAll(body["consent"], referral["consent"], "$.consent");
        }
    }

    private static JsonObject WithAge(JsonObject body, string field, int years)
    {
        var subject = body["subject"]!.AsObject();
        subject.Remove("birthDate");
        subject.Remove("ageYears");
        subject[field] = field == "ageYears"
            ? years
            : DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-years).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return body;
    }
}

public sealed class ConsentRecordTests_Sqlite(ApiFixture<Sqlite> fx) : ConsentRecordTests<Sqlite>(fx);

public sealed class ConsentRecordTests_Postgres(ApiFixture<Postgres> fx) : ConsentRecordTests<Postgres>(fx);

public sealed class ConsentRecordTests_SqlServer(ApiFixture<SqlServer> fx) : ConsentRecordTests<SqlServer>(fx);
