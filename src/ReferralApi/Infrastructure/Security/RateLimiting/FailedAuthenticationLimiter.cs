using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// Counts failed authentications per client address. Once an address has used up its window, the
/// keys it presents are refused with 429 without being looked up, until the window ends.
/// </summary>
internal sealed class FailedAuthenticationLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public FailedAuthenticationLimiter(IOptions<RateLimitingOptions> options)
    {
        var limit = options.Value.FailedAuthentication;
        limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null while the address may still present keys; otherwise how long it must wait.</summary>
    public TimeSpan? Blocked(string address)
    {
        using var lease = limiter.AttemptAcquire(address, 0);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    /// <summary>Counts one failure; returns how long to wait when this failure used up the window.</summary>
    public TimeSpan? RecordFailure(string address)
    {
        using var lease = limiter.AttemptAcquire(address, 1);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    public void Dispose() => limiter.Dispose();

    private static TimeSpan WaitOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
}
