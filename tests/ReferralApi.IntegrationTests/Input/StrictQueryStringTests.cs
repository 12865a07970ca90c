using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// A query parameter a route does not take is a 400 naming it, like an unknown JSON field, so a
/// misspelt cursor cannot quietly return the first page again.
/// </summary>
public abstract class StrictQueryStringTests<TEngine>(ApiFixture<TEngine> fx) : IClassFixture<ApiFixture<TEngine>>
    where TEngine : IEngine
{
    [Theory]
    [InlineData("/v1/referrals?curser=abc", "curser")]
    [InlineData("/v1/referrals?box=inbox&sort=desc", "sort")]
    [InlineData("/v1/referrals?after=abc", "after")]
    [InlineData("/v1/agencies?page=2", "page")]
    [InlineData("/v1/events?offset=10", "offset")]
    [InlineData("/v1/me?verbose=true", "verbose")]
    [InlineData("/v1/webhooks?limit=5&x=1", "x")]
    public async Task UnknownQueryParameter_Returns400_NamingIt(string url, string parameter)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync(url, Http.Ct);

        var problem = await ProblemAssert.ExpectValidationAsync(response, parameter);
        Assert.Single(problem["errors"]!.AsObject());
    }

    [Fact]
    public async Task UnknownQueryParameter_OnARouteWithAnId_Returns400_AndReadsNothing()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver));
        var readsBefore = await fx.CountAsync("access_log", "referral_id", id);

        using var response = await receiver.Client.GetAsync($"/v1/referrals/{id}?fields=subject", Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, "fields");
        Assert.Equal(readsBefore, await fx.CountAsync("access_log", "referral_id", id));
    }

    [Fact]
    public async Task EveryUnknownParameter_IsNamed()
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync("/v1/referrals?a=1&b=2&limit=5", Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, "a", "b");
    }

    [Theory]
    [InlineData("/v1/referrals?LIMIT=5&Box=inbox")]
    [InlineData("/v1/agencies?limit=5&q=UPTD")]
    public async Task KnownParameters_AreAccepted_InAnyCase_AsTheyAreBound(string url)
    {
        using var agency = await fx.CreateAgencyAsync();

        using var response = await agency.Client.GetAsync(url, Http.Ct);

        await response.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WithoutAKey_UnknownParameter_IsStill401()
    {
        using var client = fx.CreateClient();

        using var response = await client.GetAsync("/v1/referrals?curser=abc", Http.Ct);

        await ProblemAssert.ExpectAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnonymousRoute_RefusesUnknownParameters_Too()
    {
        using var client = fx.CreateClient();

        using var response = await client.GetAsync("/v1/vocabularies?lang=id", Http.Ct);

        await ProblemAssert.ExpectValidationAsync(response, "lang");
    }
}

public sealed class StrictQueryStringTests_Sqlite(ApiFixture<Sqlite> fx) : StrictQueryStringTests<Sqlite>(fx);

public sealed class StrictQueryStringTests_Postgres(ApiFixture<Postgres> fx) : StrictQueryStringTests<Postgres>(fx);

public sealed class StrictQueryStringTests_SqlServer(ApiFixture<SqlServer> fx) : StrictQueryStringTests<SqlServer>(fx);
