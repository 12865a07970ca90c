using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>A host where each key may send ten requests an hour, so a test can use one up.</summary>
public sealed class PerKeyLimitFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int Limit = 10;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:PerKey:TokenLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:PerKey:TokensPerPeriod"] = "1",
        ["RateLimiting:PerKey:ReplenishmentPeriod"] = "01:00:00",
    };
}

/// <summary>A host where one client address may present three wrong keys an hour.</summary>
public sealed class FailedAuthenticationLimitFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int Limit = 3;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:FailedAuthentication:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:FailedAuthentication:Window"] = "01:00:00",
    };
}

/// <summary>A host where one client address may send five requests a minute without a valid key.</summary>
public sealed class PerAddressLimitFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public const int Limit = 5;

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["RateLimiting:PerAddress:PermitLimit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:PerAddress:Window"] = "01:00:00",
    };
}
