using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// The required fields of POST /v1/referrals and the rules that tie fields together: consent with its
/// legal basis, birthDate or ageYears, and the length of the reason.
/// </summary>
public abstract class RequiredFieldTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConsentMissing_WhenLegalBasisIsConsent_Returns400_NamingConsent(bool explicitNull)
    {
        using var response = await SendAsync(body =>
        {
            if (explicitNull)
            {
                body["consent"] = null;
            }
            else
            {
                body.Drop("consent");
            }
        });

        var problem = await ProblemAssert.ExpectValidationAsync(response, "$.consent");
        Assert.Contains("Required when legalBasis is consent.", ProblemAssert.Messages(problem, "$.consent"));
    }

    [Fact]
    public async Task ConsentMissing_WhenLegalBasisIsLegalObligation_Returns201()
    {
        using var response = await SendAsync(body => body.Set("legalBasis", "legal_obligation").Drop("consent"));

        await response.ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task BirthDateAndAgeYearsBoth_Returns400_NamingBirthDate()
    {
        using var response = await SendAsync(body => body.Set("subject.ageYears", 25));

        await ProblemAssert.ExpectValidationAsync(response, "$.subject.birthDate");
    }

    [Fact]
    public async Task BirthDateAndAgeYearsNeither_Returns400_NamingAgeYears()
    {
        using var response = await SendAsync(body => body.Drop("subject.birthDate"));

        await ProblemAssert.ExpectValidationAsync(response, "$.subject.ageYears");
    }

    [Fact]
    public async Task ReasonOf4001Characters_Returns400_NamingReason_While4000AreAccepted()
    {
        using var tooLong = await SendAsync(body => body.Set("reason", new string('r', 4001)));
        using var longest = await SendAsync(body => body.Set("reason", new string('r', 4000)));

        var problem = await ProblemAssert.ExpectValidationAsync(tooLong, "$.reason");
        Assert.Contains("Must be at most 4000 characters.", ProblemAssert.Messages(problem, "$.reason"));
        await longest.ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task EmptyObject_Returns400_NamingEveryRequiredField()
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", new JsonObject());

        await ProblemAssert.ExpectValidationAsync(response,
            "$.toAgencyId", "$.urgency", "$.violenceTypes", "$.servicesRequested", "$.reason", "$.subject", "$.legalBasis");
    }

    [Fact]
    public async Task EmptySubject_Returns400_NamingInitialsAndSex()
    {
        using var response = await SendAsync(body => body["subject"] = new JsonObject { ["ageYears"] = 30 });

        await ProblemAssert.ExpectValidationAsync(response, "$.subject.initials", "$.subject.sex");
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

public sealed class RequiredFieldTests_Sqlite(ApiFixture<Sqlite> fx) : RequiredFieldTests<Sqlite>(fx);

public sealed class RequiredFieldTests_Postgres(ApiFixture<Postgres> fx) : RequiredFieldTests<Postgres>(fx);

public sealed class RequiredFieldTests_SqlServer(ApiFixture<SqlServer> fx) : RequiredFieldTests<SqlServer>(fx);
