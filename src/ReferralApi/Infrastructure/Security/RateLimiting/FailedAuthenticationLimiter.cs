using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// Counts failed authentications per client address and per stored key prefix. A well-formed key is
/// always looked up and judged on its own merits, so keys in use behind a shared NAT or proxy go on
/// whatever junk others send from there; a presenter whose key is not even shaped like ours is
/// answered 429 without a lookup once its address is over the limit. A prefix is counted only when
/// it belongs to a stored key, so partitions exist per address and per stored prefix, and an idle
/// one is dropped by the limiter once its window has replenished. Guessing is no way in regardless:
/// a key carries 256 random bits.
/// </summary>
internal sealed class FailedAuthenticationLimiter : IDisposable
{
    private const string AddressPartition = "address:";
    private const string PrefixPartition = "prefix:";
    private readonly PartitionedRateLimiter<string> limiter;

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
    /// How long <paramref name="address"/> must wait before its key is looked up: never for a
    /// well-formed key (<paramref name="prefix"/> not null), else while the address has no failures
    /// left. Counts nothing.
    /// </summary>
    public TimeSpan? WaitBeforeLookup(string address, string? prefix) =>
        prefix is not null ? null : Exhausted(AddressPartition + address);

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
