using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Security.RateLimiting;

namespace ReferralApi.UnitTests.Security;

public sealed class FailedAuthenticationLimiterTests
{
    private const int Limit = 3;

    [Fact]
    public void OnePrefixFailingFromManyAddresses_IsSlowedDown_OtherPrefixesAreNot()
    {
        using var limiter = Limiter();
        for (var i = 0; i < Limit; i++)
        {
            Assert.Null(limiter.RecordFailure($"10.0.0.{i}", "rfk_aaaaaaaa"));
        }

        Assert.NotNull(limiter.RecordFailure("10.0.0.99", "rfk_aaaaaaaa"));
        Assert.Null(limiter.RecordFailure("10.0.0.98", "rfk_bbbbbbbb"));
    }

    [Fact]
    public void OneAddressFailingWithManyPrefixes_IsSlowedDown_OtherAddressesAreNot()
    {
        using var limiter = Limiter();
        for (var i = 0; i < Limit; i++)
        {
            Assert.Null(limiter.RecordFailure("192.0.2.1", $"rfk_aaaaaaa{i}"));
        }

        Assert.NotNull(limiter.RecordFailure("192.0.2.1", null));
        Assert.Null(limiter.RecordFailure("192.0.2.2", null));
    }

    [Fact]
    public void AnAddressOverItsLimit_WaitsBeforeALookup_OnlyWhenItsKeyIsMalformed()
    {
        using var limiter = Limiter();
        Assert.Null(limiter.WaitBeforeLookup("192.0.2.1", null));
        for (var i = 0; i <= Limit; i++)
        {
            limiter.RecordFailure("192.0.2.1", null);
        }

        Assert.NotNull(limiter.WaitBeforeLookup("192.0.2.1", null));
        Assert.Null(limiter.WaitBeforeLookup("192.0.2.1", "rfk_other000"));
        Assert.Null(limiter.WaitBeforeLookup("192.0.2.2", null));
    }

    private static FailedAuthenticationLimiter Limiter() => new(Options.Create(new RateLimitingOptions
    {
        FailedAuthentication = new FailedAuthenticationLimit { PermitLimit = Limit, Window = TimeSpan.FromHours(1) },
    }));
}
