using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Problem titles and messages are Indonesian when the client prefers Indonesian by Accept-Language
/// weight, for validation, rule and framework answers alike; English otherwise.
/// </summary>
public abstract class ProblemLanguageTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("id")]
    [InlineData("id-ID")]
    [InlineData("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7")]
    [InlineData("en;q=0.3, id;q=0.9")]
    public async Task AcceptLanguageIndonesian_GivesIndonesianTitleAndMessages(string acceptLanguage)
    {
        using var sender = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(sender.Id).Drop("reason").Set("urgency", "URGENT");

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body, ("Accept-Language", acceptLanguage));

        var problem = await ProblemAssert.ExpectValidationAsync(response, "$.urgency");
        Assert.Equal("Permintaan tidak valid.", (string?)problem["title"]);
        Assert.StartsWith("Kode tidak dikenal; yang diizinkan: ", ProblemAssert.Messages(problem, "$.urgency")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptLanguageIndonesian_TranslatesRuleAndFrameworkProblems()
    {
        using var sender = await fx.CreateAgencyAsync();
        var id = ("Accept-Language", "id");
        var json = Scenario.ReferralBody(sender.Id);

        using var self = await sender.Client.PostJsonAsync("/v1/referrals", json, id);
        using var method = await sender.Client.SendJsonAsync(HttpMethod.Put, "/v1/referrals", json, id);
        using var missing = await sender.Client.GetAsync("/v1/nothing-here", id);
        using var anonymous = await fx.CreateClient().GetAsync("/v1/me", id);

        Assert.Equal("Lembaga tidak dapat merujuk ke dirinya sendiri.", (string?)(await ProblemAssert.ExpectAsync(self, HttpStatusCode.UnprocessableEntity, "self-referral"))["title"]);
        Assert.Equal("Metode ini tidak diizinkan pada rute ini.", (string?)(await ProblemAssert.ExpectAsync(method, HttpStatusCode.MethodNotAllowed, "method-not-allowed"))["title"]);
        var notFound = await ProblemAssert.ExpectAsync(missing, HttpStatusCode.NotFound, "not-found");
        Assert.Equal("Tidak ditemukan.", (string?)notFound["title"]);
        Assert.Equal("Sumber daya tidak ada, atau tidak dibagikan kepada Anda.", (string?)notFound["detail"]);
        Assert.Equal("Diperlukan kunci API atau token yang valid.", (string?)(await ProblemAssert.ExpectAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized"))["title"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("en")]
    [InlineData("fr-FR")]
    [InlineData("en, id")]
    [InlineData("id;q=0, en;q=0.5")]
    public async Task AcceptLanguageNotPreferringIndonesian_GivesEnglish(string acceptLanguage)
    {
        using var sender = await fx.CreateAgencyAsync();
        var headers = acceptLanguage.Length == 0 ? [] : new[] { ("Accept-Language", acceptLanguage) };

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(sender.Id).Drop("reason"), headers);

        var problem = await ProblemAssert.ExpectValidationAsync(response, "$.reason");
        Assert.Equal("The request is not valid.", (string?)problem["title"]);
        Assert.Equal(["This field is required."], ProblemAssert.Messages(problem, "$.reason"));
    }
}

public sealed class ProblemLanguageTests_Sqlite(ApiFixture<Sqlite> fx) : ProblemLanguageTests<Sqlite>(fx);

public sealed class ProblemLanguageTests_Postgres(ApiFixture<Postgres> fx) : ProblemLanguageTests<Postgres>(fx);

public sealed class ProblemLanguageTests_SqlServer(ApiFixture<SqlServer> fx) : ProblemLanguageTests<SqlServer>(fx);
