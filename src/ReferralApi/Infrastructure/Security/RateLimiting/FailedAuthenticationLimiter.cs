using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// Counts failed authentications per client address and per presented key prefix. It only ever
/// changes the answer to a failing presenter (429 instead of 401): a valid key is always judged on
/// its own merits, so junk sent from behind the same NAT or proxy cannot lock other agencies out.
/// Guessing is no way in regardless: a key carries 256 random bits.
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
    /// Counts one failure of <paramref name="address"/> presenting <paramref name="prefix"/> (null
    /// when the key has no recognisable prefix); returns how long the presenter should wait once
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

    private TimeSpan? Count(string partition)
    {
        using var lease = limiter.AttemptAcquire(partition, 1);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    private static TimeSpan WaitOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
}
