using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>A host where each key, and each person's tokens, may send five requests an hour.</summary>
public sealed class PerPersonLimitFixture<TEngine> : TokenFixture<TEngine>
    where TEngine : IEngine
{
    public const int Limit = 5;

    protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:PerKey:TokenLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:PerKey:TokensPerPeriod"] = "1",
        ["RateLimiting:PerKey:ReplenishmentPeriod"] = "01:00:00",
    };
}

/// <summary>Tokens are limited per agency and person, like keys per key: one person's excess stops no one else.</summary>
public abstract class TokenRateLimitTests<TEngine>(PerPersonLimitFixture<TEngine> fx) : IClassFixture<PerPersonLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task APersonOverTheLimit_Gets429_WhileColleaguesAndTheAgencysKeyGoOn()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var busy = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read", subject: "busy-person"));
        using var colleague = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read", subject: "colleague"));
        using var sameAgain = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read referrals.write", subject: "busy-person"));

        for (var i = 0; i < PerPersonLimitFixture<TEngine>.Limit; i++)
        {
            await (await busy.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        }

        using var refused = await busy.GetAsync("/v1/me", Http.Ct);
        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await sameAgain.GetAsync("/v1/me", Http.Ct)).ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        await (await colleague.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await agency.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class TokenRateLimitTests_Sqlite(PerPersonLimitFixture<Sqlite> fx) : TokenRateLimitTests<Sqlite>(fx);

public sealed class TokenRateLimitTests_Postgres(PerPersonLimitFixture<Postgres> fx) : TokenRateLimitTests<Postgres>(fx);

public sealed class TokenRateLimitTests_SqlServer(PerPersonLimitFixture<SqlServer> fx) : TokenRateLimitTests<SqlServer>(fx);
