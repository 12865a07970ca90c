using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>CORS for the configured origin only, bearer tokens without credentials mode.</summary>
public abstract class BrowserAccessTests<TEngine>(TokenFixture<TEngine> fx) : IClassFixture<TokenFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AllowedOrigin_GetsItsOriginBack_AndTheHeadersItMayRead_WithoutCredentials()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var person = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read"));

        using var response = await person.GetAsync("/v1/me", ("Origin", TokenFixture<TEngine>.AllowedOrigin));

        await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(TokenFixture<TEngine>.AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        var exposed = Single(response, "Access-Control-Expose-Headers").Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(["ETag", "Location", "Idempotent-Replayed", "Retry-After", "X-Correlation-Id", "Content-Disposition"], exposed);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task RefusedOrigin_GetsNoCorsHeaders()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var person = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read"));

        using var response = await person.GetAsync("/v1/me", ("Origin", "http://localhost:3001"));

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Preflight_ForAnAcknowledgement_WithIfMatchAndIdempotencyKey_IsAllowed()
    {
        using var client = fx.CreateClient();
        using var response = await client.SendAsync(Preflight(TokenFixture<TEngine>.AllowedOrigin), Http.Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TokenFixture<TEngine>.AllowedOrigin, Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Single(response, "Access-Control-Allow-Methods").Split(',', StringSplitOptions.TrimEntries));
        var allowed = Single(response, "Access-Control-Allow-Headers").Split(',', StringSplitOptions.TrimEntries).Select(h => h.ToLowerInvariant());
        Assert.Subset(allowed.ToHashSet(), new HashSet<string> { "authorization", "content-type", "if-match", "idempotency-key" });
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_FromARefusedOrigin_AllowsNothing()
    {
        using var client = fx.CreateClient();
        using var response = await client.SendAsync(Preflight("https://evil.example"), Http.Ct);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"/v1/referrals/{Guid.NewGuid()}/acknowledgement");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match,idempotency-key");
        return request;
    }

    private static string Single(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"{header} is missing.");
}

public sealed class BrowserAccessTests_Sqlite(TokenFixture<Sqlite> fx) : BrowserAccessTests<Sqlite>(fx);

public sealed class BrowserAccessTests_Postgres(TokenFixture<Postgres> fx) : BrowserAccessTests<Postgres>(fx);

public sealed class BrowserAccessTests_SqlServer(TokenFixture<SqlServer> fx) : BrowserAccessTests<SqlServer>(fx);
