using Microsoft.Extensions.Options;
using ReferralApi.Features.Agencies;
using ReferralApi.Infrastructure.Security;
using ReferralApi.UnitTests.Data;

namespace ReferralApi.UnitTests.Security;

/// <summary>
/// The key cache answers only while changes are known to reach it, never keeps a row read before
/// an invalidation, and keeps no row longer than its lifetime.
/// </summary>
public sealed class ApiKeyCacheTests
{
    private const string Prefix = "AAAAAAAA";
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>A lease long enough never to lapse within a test that does not mean it to.</summary>
    private static readonly TimeSpan LongLease = TimeSpan.FromMinutes(1);

    private readonly ManualClock clock = new();
    private readonly ApiKeyCache cache;

    public ApiKeyCacheTests() => cache = NewCache(Lifetime);

    [Fact]
    public void WhileDark_NothingIsKeptOrAnswered()
    {
        cache.Add(Prefix, Row(), cache.Generation);

        Assert.Null(cache.Find(Prefix));
    }

    [Fact]
    public void WhileLive_ARowIsAnswered_UntilItsLifetimeEnds()
    {
        cache.GoLive(LongLease);
        var row = Row();
        cache.Add(Prefix, row, cache.Generation);

        clock.Advance(Lifetime - TimeSpan.FromTicks(1));
        Assert.Same(row, cache.Find(Prefix));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(cache.Find(Prefix));
    }

    [Fact]
    public void ALapsedLease_DarkensTheCache_AndARenewalKeepsWhatItHeld()
    {
        var lease = TimeSpan.FromSeconds(3);
        var longLived = NewCache(TimeSpan.FromMinutes(1));
        longLived.GoLive(lease);
        var row = Row();
        longLived.Add(Prefix, row, longLived.Generation);

        clock.Advance(lease);
        Assert.False(longLived.IsLive);
        Assert.Null(longLived.Find(Prefix));
        longLived.Renew(lease);

        Assert.Same(row, longLived.Find(Prefix));
    }

    [Fact]
    public void ARowReadBeforeAnInvalidation_IsNotKept()
    {
        cache.GoLive(LongLease);
        var seen = cache.Generation;

        cache.Invalidate();
        cache.Add(Prefix, Row(), seen);

        Assert.Null(cache.Find(Prefix));
    }

    [Fact]
    public void AnInvalidation_DropsWhatWasKept()
    {
        cache.GoLive(LongLease);
        cache.Add(Prefix, Row(), cache.Generation);

        cache.Invalidate();

        Assert.Null(cache.Find(Prefix));
    }

    [Fact]
    public void GoingDark_DropsEverything_AndGoingLiveAgain_StartsEmpty()
    {
        cache.GoLive(LongLease);
        cache.Add(Prefix, Row(), cache.Generation);

        cache.GoDark();
        Assert.Null(cache.Find(Prefix));
        cache.GoLive(LongLease);

        Assert.Null(cache.Find(Prefix));
    }

    [Fact]
    public void ARowReadWhileDark_IsNotKeptOnceLive()
    {
        var seen = cache.Generation;

        cache.GoLive(LongLease);
        cache.Add(Prefix, Row(), seen);

        Assert.Null(cache.Find(Prefix));
    }

    [Fact]
    public void ALifetimeOfZero_KeepsNothing()
    {
        var off = NewCache(TimeSpan.Zero);
        off.GoLive(LongLease);

        off.Add(Prefix, Row(), off.Generation);

        Assert.Null(off.Find(Prefix));
    }

    [Fact]
    public void ATouch_UpdatesTheKeptLastUse()
    {
        cache.GoLive(LongLease);
        cache.Add(Prefix, Row(), cache.Generation);
        var at = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

        cache.Touched(Prefix, at);

        Assert.Equal(at, cache.Find(Prefix)?.LastUsedAt);
    }

    private ApiKeyCache NewCache(TimeSpan lifetime) => new(Options.Create(new ApiKeyOptions { CacheLifetime = lifetime }), clock);

    private static ApiKeyLookup.KeyRow Row() => new() { KeyId = Guid.NewGuid(), AgencyId = Guid.NewGuid(), KeyHash = "hash", AgencyActive = true };
}
