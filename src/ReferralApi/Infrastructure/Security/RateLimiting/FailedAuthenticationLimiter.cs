using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// Counts failed authentications per client address and per stored key prefix. An address over its
/// limit is answered 429 before its key is even looked up, so junk cannot reach the database without
/// bound, unless the key's prefix has already authenticated on this instance: keys in use behind a
/// shared NAT or proxy go on whatever junk others send from there (a key never used here waits out
/// the window). A prefix is counted only when it belongs to a stored key, and only prefixes that
/// authenticated are remembered (at most <see cref="MaxKnownPrefixes"/>), so nothing grows without
/// bound; an idle partition is dropped by the limiter once its window has replenished. Guessing is
/// no way in regardless: a key carries 256 random bits.
/// </summary>
internal sealed class FailedAuthenticationLimiter : IDisposable
{
    private const string AddressPartition = "address:";
    private const string PrefixPartition = "prefix:";
    private const int MaxKnownPrefixes = 100_000;
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly ConcurrentDictionary<string, byte> knownPrefixes = new(StringComparer.Ordinal);

    public FailedAuthenticationLimiter(IOptions<RateLimitingOptions> options)
    {
        var limit = options.Value.FailedAuthentication;
        limiter = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>
    /// How long <paramref name="address"/> must wait before <paramref name="prefix"/> is looked up:
    /// null when the address has failures left, or when the prefix has authenticated here (a valid key
    /// is judged on its own merits). Counts nothing.
    /// </summary>
    public TimeSpan? WaitBeforeLookup(string address, string? prefix) =>
        prefix is not null && knownPrefixes.ContainsKey(prefix) ? null : Exhausted(AddressPartition + address);

    /// <summary>
    /// Counts one failure of <paramref name="address"/> presenting <paramref name="prefix"/> (null
    /// unless the prefix is a stored key's); returns how long the presenter should wait once
    /// either of them has used up its window, else null.
    /// </summary>
    public TimeSpan? RecordFailure(string address, string? prefix)
    {
        var byAddress = Count(AddressPartition + address);
        var byPrefix = prefix is null ? null : Count(PrefixPartition + prefix);
        return (byAddress, byPrefix) switch
        {
            (null, null) => null,
            ({ } a, { } p) => a > p ? a : p,
            (var a, var p) => a ?? p,
        };
    }

    /// <summary>Remembers a prefix that authenticated, so its key is looked up even from an address over its limit.</summary>
    public void RecordSuccess(string prefix)
    {
        if (knownPrefixes.Count < MaxKnownPrefixes)
        {
            knownPrefixes.TryAdd(prefix, 0);
        }
    }

    public void Dispose() => limiter.Dispose();

    /// <summary>Acquiring zero permits only reports whether the window has any left.</summary>
    private TimeSpan? Exhausted(string partition)
    {
        using var lease = limiter.AttemptAcquire(partition, 0);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    private TimeSpan? Count(string partition)
    {
        using var lease = limiter.AttemptAcquire(partition, 1);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    private static TimeSpan WaitOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
}
