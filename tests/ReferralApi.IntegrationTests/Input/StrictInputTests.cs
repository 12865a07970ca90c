using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// POST /v1/referrals refuses anything but the exact shape of the contract with a 400 that names the
/// offending field, starting each case from a body that is known to be accepted.
/// </summary>
public abstract class StrictInputTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ValidBody_Returns201_SoEachRejectionHereIsCausedByItsOneChange()
    {
        using var response = await SendAsync(_ => { });

        await response.ExpectAsync(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("colour", "$.colour")]
    [InlineData("subject.nickname", "$.subject.nickname")]
    [InlineData("subject.safeContact.codeWord", "$.subject.safeContact.codeWord")]
    [InlineData("trafficking.route", "$.trafficking.route")]
    [InlineData("consent.witness", "$.consent.witness")]
    public async Task UnknownField_Returns400_NamingItsPath(string field, string expectedPath)
    {
        using var response = await SendAsync(body => body.Set(field, "x"));

        var problem = await ProblemAssert.ExpectValidationAsync(response, expectedPath);
        Assert.Contains("This field is not part of the request.", ProblemAssert.Messages(problem, expectedPath));
    }

    [Theory]
    [InlineData("toAgencyId", "\"not-a-guid\"", "$.toAgencyId")]
    [InlineData("toAgencyId", "42", "$.toAgencyId")]
    [InlineData("violenceTypes", "\"sexual\"", "$.violenceTypes")]
    [InlineData("reason", "123", "$.reason")]
    [InlineData("reason", "[\"text\"]", "$.reason")]
    [InlineData("subject", "\"S.A.\"", "$.subject")]
    [InlineData("subject.disability", "\"no\"", "$.subject.disability")]
    [InlineData("subject.ageYears", "\"23\"", "$.subject.ageYears")]
    [InlineData("subject.birthDate", "\"01-04-2001\"", "$.subject.birthDate")]
    [InlineData("subject.birthDate", "20010401", "$.subject.birthDate")]
    [InlineData("trafficking.crossBorder", "1", "$.trafficking.crossBorder")]
    [InlineData("incident", "[]", "$.incident")]
    [InlineData("consent.obtainedAt", "\"2026-11-27 08:00\"", "$.consent.obtainedAt")]
    [InlineData("consent.obtainedAt", "\"2026-11-27T08:00:00\"", "$.consent.obtainedAt")]
    public async Task WrongType_Returns400_NamingTheField(string field, string json, string expectedPath)
    {
        using var response = await SendAsync(body => body.SetJson(field, json));

        await ProblemAssert.ExpectValidationAsync(response, expectedPath);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"urgency\": }")]
    [InlineData("{'urgency': 'urgent'}")]
    [InlineData("{\"urgency\": \"urgent\",}")]
    [InlineData("/* note */ {\"urgency\": \"urgent\"}")]
    [InlineData("{\"urgency\": \"urgent\"} {}")]
    [InlineData("{\"urgency\": \"urg")]
    public async Task MalformedJson_Returns400_SayingTheBodyIsNotJson(string text)
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostRawAsync("/v1/referrals", text);

        var problem = await ProblemAssert.ExpectValidationAsync(response);
        var messages = problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => (string)m!));
        Assert.Contains("The body is not well-formed JSON.", messages);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("\"a referral\"")]
    [InlineData("42")]
    [InlineData("[]")]
    public async Task BodyThatIsNotAnObject_Returns400_NamingTheRoot(string text)
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostRawAsync("/v1/referrals", text);

        await ProblemAssert.ExpectValidationAsync(response, "$");
    }

    [Theory]
    [InlineData("urgency", "\"URGENT\"", "$.urgency")]
    [InlineData("urgency", "\"Urgent\"", "$.urgency")]
    [InlineData("urgency", "\"very_urgent\"", "$.urgency")]
    [InlineData("urgency", "\"\"", "$.urgency")]
    [InlineData("urgency", "1", "$.urgency")]
    [InlineData("violenceTypes", "[\"sexual\", \"Trafficking\"]", "$.violenceTypes[1]")]
    [InlineData("servicesRequested", "[\"legal-aid\"]", "$.servicesRequested[0]")]
    [InlineData("subject.sex", "\"F\"", "$.subject.sex")]
    [InlineData("legalBasis", "\"CONSENT\"", "$.legalBasis")]
    [InlineData("trafficking.borderPost", "\"Entikong\"", "$.trafficking.borderPost")]
    [InlineData("subject.safeContact.preferredChannel", "\"sms \"", "$.subject.safeContact.preferredChannel")]
    public async Task UnknownCode_Returns400_NamingTheFieldAndListingTheCodes(string field, string json, string expectedPath)
    {
        using var response = await SendAsync(body => body.SetJson(field, json));

        var problem = await ProblemAssert.ExpectValidationAsync(response, expectedPath);
        Assert.StartsWith("Unknown code; allowed: ", ProblemAssert.Messages(problem, expectedPath)[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"610101010401000\"")]
    [InlineData("\"61010101040100011\"")]
    [InlineData("\"610101010401000A\"")]
    [InlineData("\"6101 0101 0401 001\"")]
    [InlineData("\"\"")]
    [InlineData("6101010104010001")]
    public async Task NationalIdNotSixteenDigits_Returns400_NamingIt(string json)
    {
        using var response = await SendAsync(body => body.SetJson("subject.nationalId", json));

        await ProblemAssert.ExpectValidationAsync(response, "$.subject.nationalId");
    }

    [Theory]
    [InlineData("reason", "$.reason")]
    [InlineData("subject.phone", "$.subject.phone")]
    [InlineData("subject.fullName", "$.subject.fullName")]
    [InlineData("consent.obtainedBy", "$.consent.obtainedBy")]
    [InlineData("externalReference", "$.externalReference")]
    public async Task NulCharacterInText_Returns400_NamingTheField_OnEveryEngine(string field, string expectedPath)
    {
        using var response = await SendAsync(body => body.Set(field, "Jl. Contoh\0 No. 1"));

        await ProblemAssert.ExpectValidationAsync(response, expectedPath);
    }

    private async Task<HttpResponseMessage> SendAsync(Action<JsonObject> change)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(recipient.Id);
        change(body);
        return await sender.Client.PostJsonAsync("/v1/referrals", body);
    }
}

public sealed class StrictInputTests_Sqlite(ApiFixture<Sqlite> fx) : StrictInputTests<Sqlite>(fx);

public sealed class StrictInputTests_Postgres(ApiFixture<Postgres> fx) : StrictInputTests<Postgres>(fx);

public sealed class StrictInputTests_SqlServer(ApiFixture<SqlServer> fx) : StrictInputTests<SqlServer>(fx);
