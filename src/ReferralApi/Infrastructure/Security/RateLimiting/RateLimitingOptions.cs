namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// <c>RateLimiting:PerKey</c>: a token bucket per API key (bursts up to <c>TokenLimit</c>, then
/// <c>TokensPerPeriod</c> each <c>ReplenishmentPeriod</c>); tokens have one such bucket per agency and
/// person. <c>RateLimiting:PerAgencyTokens</c>: one more bucket shared by all the tokens of an
/// agency, so many people signing in cannot multiply its budget. <c>RateLimiting:FailedAuthentication</c>:
/// how many wrong keys one client address, or one key prefix, may present per <c>Window</c> before
/// further failures are answered 429. <c>RateLimiting:PerAddress</c>: requests without a valid key
/// (health checks, vocabularies, the OpenAPI document, refusals) per client address and
/// <c>Window</c>. Limits are per instance.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    public PerKeyLimit PerKey { get; set; } = new();

    public PerKeyLimit PerAgencyTokens { get; set; } = new() { TokenLimit = 5000, TokensPerPeriod = 250 };

    public FailedAuthenticationLimit FailedAuthentication { get; set; } = new();

    public PerAddressLimit PerAddress { get; set; } = new();
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

/// <summary>
/// Unauthenticated routes, <c>/health/ready</c> among them, reach the database; a load balancer
/// probing every few seconds stays far below this.
/// </summary>
public sealed class PerAddressLimit
{
    public int PermitLimit { get; set; } = 300;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
