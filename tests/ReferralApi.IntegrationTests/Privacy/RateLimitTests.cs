using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>Each API key has its own budget: one key over it is answered 429 with Retry-After, every other key goes on.</summary>
public abstract class PerKeyRateLimitTests<TEngine>(PerKeyLimitFixture<TEngine> fx) : IClassFixture<PerKeyLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AKeyOverItsLimit_Gets429WithRetryAfter_WhileOtherKeysGoOn()
    {
        using var busy = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        using var rotation = await busy.Client.PostJsonAsync($"/v1/agencies/{busy.Id}/api-keys", null);
        using var sameAgencyOtherKey = fx.CreateClient((string)(await rotation.ExpectAsync(HttpStatusCode.Created))["key"]!);

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        while (refused is null && answers.Count <= PerKeyLimitFixture<TEngine>.Limit)
        {
            var response = await busy.Client.GetAsync("/v1/me", Http.Ct);
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        using (refused)
        {
            await ProblemAssert.ExpectAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
            var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 3600);
        }

        Assert.All(answers[..^1], status => Assert.Equal(HttpStatusCode.OK, status));
        foreach (var client in new[] { sameAgencyOtherKey, other.Client })
        {
            using var response = await client.GetAsync("/v1/me", Http.Ct);
            await response.ExpectAsync(HttpStatusCode.OK);
        }

        using var stillRefused = await busy.Client.GetAsync("/v1/referrals", Http.Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillRefused.StatusCode);
    }
}

public sealed class PerKeyRateLimitTests_Sqlite(PerKeyLimitFixture<Sqlite> fx) : PerKeyRateLimitTests<Sqlite>(fx);

public sealed class PerKeyRateLimitTests_Postgres(PerKeyLimitFixture<Postgres> fx) : PerKeyRateLimitTests<Postgres>(fx);

public sealed class PerKeyRateLimitTests_SqlServer(PerKeyLimitFixture<SqlServer> fx) : PerKeyRateLimitTests<SqlServer>(fx);

/// <summary>
/// A client address that keeps presenting wrong keys is slowed down: after the limit it is answered
/// 429 without its keys being looked up. A valid key already in use from the same address (other
/// agencies behind one NAT or proxy) is judged on its own merits and goes on.
/// </summary>
public abstract class FailedAuthenticationLimitTests<TEngine>(FailedAuthenticationLimitFixture<TEngine> fx) : IClassFixture<FailedAuthenticationLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task WrongKeysFromOneAddress_Get401UpToTheLimit_Then429_WhileValidKeysThereGoOn()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var guesser = fx.CreateClient("rfk_zzzzzzzz_" + new string('x', 43));
        using var anonymous = fx.CreateClient();
        using (var inUse = await agency.Client.GetAsync("/v1/me", Http.Ct))
        {
            await inUse.ExpectAsync(HttpStatusCode.OK);
        }

        using var issued = await agency.Client.PostJsonAsync($"/v1/agencies/{agency.Id}/api-keys", null);
        using var neverUsed = fx.CreateClient((string)(await issued.ExpectAsync(HttpStatusCode.Created))["key"]!);

        for (var i = 0; i < FailedAuthenticationLimitFixture<TEngine>.Limit; i++)
        {
            using var wrong = await guesser.GetAsync("/v1/me", Http.Ct);
            await ProblemAssert.ExpectAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var cutOff = await guesser.GetAsync("/v1/me", Http.Ct);
        using var rightKey = await agency.Client.GetAsync("/v1/me", Http.Ct);
        using var noKey = await anonymous.GetAsync("/v1/me", Http.Ct);
        using var firstUse = await neverUsed.GetAsync("/v1/me", Http.Ct);

        await ProblemAssert.ExpectAsync(cutOff, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(int.Parse(cutOff.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal((string)(await rightKey.ExpectAsync(HttpStatusCode.OK))["agency"]!["id"]!, agency.Id.ToString());
        await ProblemAssert.ExpectAsync(noKey, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal((string)(await firstUse.ExpectAsync(HttpStatusCode.OK))["agency"]!["id"]!, agency.Id.ToString());
    }
}

public sealed class FailedAuthenticationLimitTests_Sqlite(FailedAuthenticationLimitFixture<Sqlite> fx) : FailedAuthenticationLimitTests<Sqlite>(fx);

public sealed class FailedAuthenticationLimitTests_Postgres(FailedAuthenticationLimitFixture<Postgres> fx) : FailedAuthenticationLimitTests<Postgres>(fx);

public sealed class FailedAuthenticationLimitTests_SqlServer(FailedAuthenticationLimitFixture<SqlServer> fx) : FailedAuthenticationLimitTests<SqlServer>(fx);

/// <summary>
/// Requests without a valid key (vocabularies, refusals) are limited per client address; health
/// checks have their own budget there, so probes behind a proxy are not refused for others' junk.
/// </summary>
public abstract class PerAddressLimitTests<TEngine>(PerAddressLimitFixture<TEngine> fx) : IClassFixture<PerAddressLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task UnauthenticatedRoutes_Get429PastThePerAddressLimit_WhileKeysAndHealthChecksGoOn()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var anonymous = fx.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < PerAddressLimitFixture<TEngine>.Limit; i++)
        {
            using var vocabularies = await anonymous.GetAsync("/v1/vocabularies", Http.Ct);
            answers.Add(vocabularies.StatusCode);
        }

        using var refused = await anonymous.GetAsync("/v1/vocabularies", Http.Ct);
        using var withKey = await agency.Client.GetAsync("/v1/me", Http.Ct);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        await ProblemAssert.ExpectAsync(refused, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(refused.Headers.Contains("Retry-After"));
        await withKey.ExpectAsync(HttpStatusCode.OK);

        var probes = new List<HttpStatusCode>();
        for (var i = 0; i < PerAddressLimitFixture<TEngine>.Limit; i++)
        {
            using var probe = await anonymous.GetAsync(i % 2 == 0 ? "/health/ready" : "/health/live", Http.Ct);
            probes.Add(probe.StatusCode);
        }

        using var overBudget = await anonymous.GetAsync("/health/ready", Http.Ct);
        Assert.All(probes, p => Assert.Equal(HttpStatusCode.OK, p));
        await ProblemAssert.ExpectAsync(overBudget, HttpStatusCode.TooManyRequests, "rate-limited");
    }
}

public sealed class PerAddressLimitTests_Sqlite(PerAddressLimitFixture<Sqlite> fx) : PerAddressLimitTests<Sqlite>(fx);

public sealed class PerAddressLimitTests_Postgres(PerAddressLimitFixture<Postgres> fx) : PerAddressLimitTests<Postgres>(fx);

public sealed class PerAddressLimitTests_SqlServer(PerAddressLimitFixture<SqlServer> fx) : PerAddressLimitTests<SqlServer>(fx);
