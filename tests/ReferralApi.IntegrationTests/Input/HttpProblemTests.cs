using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Answers the framework gives before a handler runs (size, media type, method, route, credentials)
/// are problem+json like every other error, and all of them speak Indonesian when asked.
/// </summary>
public abstract class HttpProblemTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task BodyOver256KiB_Returns413_PayloadTooLarge()
    {
        using var sender = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(sender.Id).Set("reason", new string('r', (256 * 1024) + 1));

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task BodyJustUnder256KiB_IsReadAndValidated_NotRefusedForSize()
    {
        using var sender = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(sender.Id).Set("reason", new string('r', 250 * 1024));

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

        await ProblemAssert.ExpectValidationAsync(response, "$.reason");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task BodyNotJson_Returns415_UnsupportedMediaType(string contentType)
    {
        using var sender = await fx.CreateAgencyAsync();
        var json = Scenario.ReferralBody(sender.Id).ToJsonString();

        using var response = await sender.Client.PostRawAsync("/v1/referrals", json, contentType);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task BodyWithoutContentType_Returns415_UnsupportedMediaType()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals")
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Scenario.ReferralBody(sender.Id).ToJsonString())),
        };

        using var response = await sender.Client.SendAsync(request, Http.Ct);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("application/json; charset=klingon")]
    [InlineData("application/json; charset=utf-16")]
    public async Task JsonInAnotherCharset_Returns415_NotAServerError(string contentType)
    {
        using var sender = await fx.CreateAgencyAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Scenario.ReferralBody(sender.Id).ToJsonString()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await sender.Client.PostAsync(new Uri("/v1/referrals", UriKind.Relative), content, Http.Ct);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task OtherMethodOnReferrals_Returns405_MethodNotAllowed(string method)
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.SendJsonAsync(new HttpMethod(method), "/v1/referrals", Scenario.ReferralBody(sender.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
    }

    [Theory]
    [InlineData("/v1/nothing-here")]
    [InlineData("/v2/referrals")]
    [InlineData("/v1/referrals/not-a-guid")]
    [InlineData("/v1/referrals/0193a0c4-0000-7000-8000-000000000000")]
    public async Task UnknownRouteOrResource_Returns404_NotFound(string path)
    {
        using var sender = await fx.CreateAgencyAsync();

        using var response = await sender.Client.SendJsonAsync(HttpMethod.Get, path, null);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task NoKey_Returns401_WithBearerChallenge()
    {
        using var anonymous = fx.CreateClient();

        using var response = await anonymous.PostJsonAsync("/v1/referrals", new JsonObject());

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task OversightKey_Returns403_OnSendingAReferral()
    {
        using var oversight = await fx.CreateAgencyAsync(roles: ["oversight"], sector: "oversight");
        using var recipient = await fx.CreateAgencyAsync();

        using var response = await oversight.Client.PostJsonAsync("/v1/referrals", Scenario.ReferralBody(recipient.Id));

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

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
        Assert.Equal("Diperlukan kunci API yang valid.", (string?)(await ProblemAssert.ExpectAsync(anonymous, HttpStatusCode.Unauthorized, "unauthorized"))["title"]);
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

public sealed class HttpProblemTests_Sqlite(ApiFixture<Sqlite> fx) : HttpProblemTests<Sqlite>(fx);

public sealed class HttpProblemTests_Postgres(ApiFixture<Postgres> fx) : HttpProblemTests<Postgres>(fx);

public sealed class HttpProblemTests_SqlServer(ApiFixture<SqlServer> fx) : HttpProblemTests<SqlServer>(fx);
