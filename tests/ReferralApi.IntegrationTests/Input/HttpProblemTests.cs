using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Answers the framework gives before a handler runs (size, media type, method, route, credentials)
/// are problem+json like every other error.
/// </summary>
public abstract class HttpProblemTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ProblemRaisedInAHandler_StillEchoesTheCorrelationId()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/referrals/{Guid.CreateVersion7()}");
        request.Headers.Add("X-Correlation-Id", "case-desk-42");

        using var response = await agency.Client.SendAsync(request, Http.Ct);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.NotFound, "not-found");
        Assert.Equal("case-desk-42", Assert.Single(response.Headers.GetValues("X-Correlation-Id")));
    }

    [Fact]
    public async Task BodyOver256KiB_Returns413_PayloadTooLarge()
    {
        using var sender = await fx.CreateAgencyAsync();
        var body = Scenario.ReferralBody(sender.Id).Set("reason", new string('r', (256 * 1024) + 1));

        using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.True(response.Headers.ConnectionClose, "413 should carry Connection: close: the unread body ends the connection");
    }

    /// <summary>
    /// A chunked body has no Content-Length to check up front; the server's own limit must stop it.
    /// The in-memory test server has no such limit, so this runs the API on Kestrel over loopback.
    /// </summary>
    [Fact]
    public async Task BodyOver256KiB_SentChunked_Returns413_OnKestrel()
    {
        using var sender = await fx.CreateAgencyAsync();
        await using var kestrel = new ApiFactory(fx.Database.Provider, fx.Database.ConnectionString);
        kestrel.UseKestrel(0);
        kestrel.StartServer();
        using var client = kestrel.CreateClient().WithKey(sender.Key);
        Assert.NotEqual(new Uri("http://localhost/"), client.BaseAddress);
        var json = Scenario.ReferralBody(sender.Id).Set("reason", new string('r', (256 * 1024) + 1)).ToJsonString();
        using var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, Http.Ct);

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
}

public sealed class HttpProblemTests_Sqlite(ApiFixture<Sqlite> fx) : HttpProblemTests<Sqlite>(fx);

public sealed class HttpProblemTests_Postgres(ApiFixture<Postgres> fx) : HttpProblemTests<Postgres>(fx);

public sealed class HttpProblemTests_SqlServer(ApiFixture<SqlServer> fx) : HttpProblemTests<SqlServer>(fx);
