namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// <c>RateLimiting:PerKey</c>: a token bucket per API key (bursts up to <c>TokenLimit</c>, then
/// <c>TokensPerPeriod</c> each <c>ReplenishmentPeriod</c>). <c>RateLimiting:FailedAuthentication</c>:
/// how many requests with a wrong key one client address may send per <c>Window</c> before its
/// credentials are no longer even checked. Limits are per instance.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public PerKeyLimit PerKey { get; set; } = new();

    public FailedAuthenticationLimit FailedAuthentication { get; set; } = new();
}

/// <summary>Generous enough for a case system synchronising in bulk: 1000 at once, 50 a second after.</summary>
public sealed class PerKeyLimit
{
    public int TokenLimit { get; set; } = 1000;

    public int TokensPerPeriod { get; set; } = 50;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Enough for a client fumbling a key rotation, far too few to guess one.</summary>
public sealed class FailedAuthenticationLimit
{
    public int PermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
