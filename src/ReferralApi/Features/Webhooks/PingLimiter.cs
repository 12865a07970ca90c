using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Security.RateLimiting;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// <c>Webhooks:PingsPerMinute</c> per agency and instance: a ping is a real delivery to a receiver,
/// so an agency cannot turn the API into a request generator against its own (or anyone's) URL.
/// </summary>
internal sealed class PingLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> limiter;

    public PingLimiter(IOptions<WebhookOptions> options)
    {
        var perMinute = options.Value.PingsPerMinute;
        limiter = PartitionedRateLimiter.Create<Guid, Guid>(agency => RateLimitPartition.GetFixedWindowLimiter(agency, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Counts one ping of <paramref name="agency"/>, or answers 429 with Retry-After when its minute is used up.</summary>
    public void Take(Guid agency)
    {
        using var lease = limiter.AttemptAcquire(agency, 1);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
            throw RateLimitingSetup.Throttled(wait);
        }
    }

    public void Dispose() => limiter.Dispose();
}
