using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// A problem's type is an absolute URI on the API's own origin, and it resolves: GET on it serves a
/// short page about that problem, in English or, for Accept-Language: id, in Indonesian (RFC 9457 §3.1.1).
/// </summary>
public abstract class ProblemPageTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task ProblemType_IsAbsoluteOnTheRequestsOrigin_AndResolvesToItsPage()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var problem = await agency.Client.GetAsync($"/v1/referrals/{Guid.CreateVersion7()}", Http.Ct);
        var body = await ProblemAssert.ExpectAsync(problem, HttpStatusCode.NotFound, "not-found");
        var type = new Uri((string)body["type"]!);
        Assert.Equal(agency.Client.BaseAddress!.GetLeftPart(UriPartial.Authority), type.GetLeftPart(UriPartial.Authority));

        using var anonymous = fx.CreateClient();
        using var page = await anonymous.GetAsync(type, Http.Ct);

        var html = await page.Content.ReadAsStringAsync(Http.Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>Not found.</h1>", html, StringComparison.Ordinal);
        Assert.Contains("HTTP 404", html, StringComparison.Ordinal);
        Assert.Equal("en", Assert.Single(page.Content.Headers.ContentLanguage));
    }

    [Fact]
    public async Task ProblemPage_SpeaksIndonesian_WhenAsked()
    {
        using var client = fx.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/problems/precondition-failed");
        request.Headers.AcceptLanguage.ParseAdd("id-ID, en;q=0.5");

        using var page = await client.SendAsync(request, Http.Ct);

        var html = await page.Content.ReadAsStringAsync(Http.Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Rujukan telah berubah sejak Anda membacanya (If-Match).</h1>", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"id\"", html, StringComparison.Ordinal);
        Assert.Equal("id", Assert.Single(page.Content.Headers.ContentLanguage));
    }

    [Fact]
    public async Task ProblemPage_OfAnUnknownCode_Is404Problem()
    {
        using var client = fx.CreateClient();

        using var page = await client.GetAsync("/problems/no-such-problem", Http.Ct);

        await ProblemAssert.ExpectAsync(page, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task ProblemType_UsesTheConfiguredPublicBaseUrl_WhenThereIsOne()
    {
        await using var behindProxy = new ApiFactory(
            fx.Database.Provider,
            fx.Database.ConnectionString,
            new Dictionary<string, string?> { ["Problems:PublicBaseUrl"] = "https://referrals.kalbarprov.example/api/" });
        using var client = behindProxy.CreateClient();

        using var response = await client.GetAsync("/v1/me", Http.Ct);

        var body = await ProblemAssert.ExpectAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal("https://referrals.kalbarprov.example/api/problems/unauthorized", (string?)body["type"]);
    }
}

public sealed class ProblemPageTests_Sqlite(ApiFixture<Sqlite> fx) : ProblemPageTests<Sqlite>(fx);

public sealed class ProblemPageTests_Postgres(ApiFixture<Postgres> fx) : ProblemPageTests<Postgres>(fx);

public sealed class ProblemPageTests_SqlServer(ApiFixture<SqlServer> fx) : ProblemPageTests<SqlServer>(fx);
