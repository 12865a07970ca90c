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
/// A client address that keeps presenting wrong keys is cut off: after the limit its requests are
/// answered 429 without the key being checked, so neither guessing nor a right guess gets through.
/// </summary>
public abstract class FailedAuthenticationLimitTests<TEngine>(FailedAuthenticationLimitFixture<TEngine> fx) : IClassFixture<FailedAuthenticationLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task WrongKeysFromOneAddress_Get401UpToTheLimit_ThenEveryKeyGets429()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var guesser = fx.CreateClient("rfk_zzzzzzzz_" + new string('x', 43));
        using var anonymous = fx.CreateClient();

        for (var i = 0; i < FailedAuthenticationLimitFixture<TEngine>.Limit; i++)
        {
            using var wrong = await guesser.GetAsync("/v1/me", Http.Ct);
            await ProblemAssert.ExpectAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using var cutOff = await guesser.GetAsync("/v1/me", Http.Ct);
        using var rightKeyTooLate = await agency.Client.GetAsync("/v1/me", Http.Ct);
        using var noKey = await anonymous.GetAsync("/v1/me", Http.Ct);

        var guessed = await ProblemAssert.ExpectAsync(cutOff, HttpStatusCode.TooManyRequests, "rate-limited");
        var right = await ProblemAssert.ExpectAsync(rightKeyTooLate, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(int.Parse(cutOff.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        guessed.AsObject().Remove("traceId");
        right.AsObject().Remove("traceId");
        Assert.Equal(guessed.ToJsonString(), right.ToJsonString());
        await ProblemAssert.ExpectAsync(noKey, HttpStatusCode.Unauthorized, "unauthorized");
    }
}

public sealed class FailedAuthenticationLimitTests_Sqlite(FailedAuthenticationLimitFixture<Sqlite> fx) : FailedAuthenticationLimitTests<Sqlite>(fx);

public sealed class FailedAuthenticationLimitTests_Postgres(FailedAuthenticationLimitFixture<Postgres> fx) : FailedAuthenticationLimitTests<Postgres>(fx);

public sealed class FailedAuthenticationLimitTests_SqlServer(FailedAuthenticationLimitFixture<SqlServer> fx) : FailedAuthenticationLimitTests<SqlServer>(fx);
