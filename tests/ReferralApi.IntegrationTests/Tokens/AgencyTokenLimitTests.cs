using System.Globalization;
using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>A host where each person may send five requests an hour, and all the people of an agency eight together.</summary>
public sealed class PerAgencyTokenLimitFixture<TEngine> : TokenFixture<TEngine>
    where TEngine : IEngine
{
    public const int PerPerson = 5;
    public const int PerAgency = 8;

    protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:PerKey:TokenLimit"] = PerPerson.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:PerKey:TokensPerPeriod"] = "1",
        ["RateLimiting:PerKey:ReplenishmentPeriod"] = "01:00:00",
        ["RateLimiting:PerAgencyTokens:TokenLimit"] = PerAgency.ToString(CultureInfo.InvariantCulture),
        ["RateLimiting:PerAgencyTokens:TokensPerPeriod"] = "1",
        ["RateLimiting:PerAgencyTokens:ReplenishmentPeriod"] = "01:00:00",
    };
}

/// <summary>The people of one agency share its token budget: signing in as many people does not multiply it.</summary>
public abstract class AgencyTokenLimitTests<TEngine>(PerAgencyTokenLimitFixture<TEngine> fx) : IClassFixture<PerAgencyTokenLimitFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task AnAgencysPeopleTogether_StopAtItsTokenBudget_WhileItsKeyAndOtherAgenciesGoOn()
    {
        using var agency = await fx.CreateAgencyAsync();
        using var other = await fx.CreateAgencyAsync();
        using var first = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read", subject: "first-person"));
        using var second = fx.CreateClient(fx.Issuer.Mint(agency.Code, "referrals.read", subject: "second-person"));
        using var elsewhere = fx.CreateClient(fx.Issuer.Mint(other.Code, "referrals.read", subject: "first-person"));

        for (var i = 0; i < PerAgencyTokenLimitFixture<TEngine>.PerPerson; i++)
        {
            await (await first.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        }

        for (var i = PerAgencyTokenLimitFixture<TEngine>.PerPerson; i < PerAgencyTokenLimitFixture<TEngine>.PerAgency; i++)
        {
            await (await second.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        }

        // The second person has used three of five, but the agency's eight are gone.
        using var refused = await second.GetAsync("/v1/me", Http.Ct);
        await refused.ExpectProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.NotNull(refused.Headers.RetryAfter);
        await (await agency.Client.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
        await (await elsewhere.GetAsync("/v1/me", Http.Ct)).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class AgencyTokenLimitTests_Sqlite(PerAgencyTokenLimitFixture<Sqlite> fx) : AgencyTokenLimitTests<Sqlite>(fx);

public sealed class AgencyTokenLimitTests_Postgres(PerAgencyTokenLimitFixture<Postgres> fx) : AgencyTokenLimitTests<Postgres>(fx);

public sealed class AgencyTokenLimitTests_SqlServer(PerAgencyTokenLimitFixture<SqlServer> fx) : AgencyTokenLimitTests<SqlServer>(fx);
