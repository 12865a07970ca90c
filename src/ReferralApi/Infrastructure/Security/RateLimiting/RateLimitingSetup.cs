using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Security.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter, partitioned by API key id (by agency and person for a token): a key
/// that sends too much is answered 429 with <c>Retry-After</c> while every other key, even another
/// key of the same agency, goes on.
/// Requests without a valid key are limited per client address, health checks apart from the rest.
/// </summary>
internal static class RateLimitingSetup
{
    private const string AdminPartition = "admin";
    private const string AddressPartition = "address:";
    private const string HealthPartition = "health:";
    private const string PersonPartition = "person:";

    public static WebApplicationBuilder AddApiRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(o => o.PerKey.TokenLimit > 0 && o.PerKey.TokensPerPeriod > 0 && o.PerKey.ReplenishmentPeriod > TimeSpan.Zero, "RateLimiting:PerKey values must be positive.")
            .Validate(o => o.PerAgencyTokens.TokenLimit > 0 && o.PerAgencyTokens.TokensPerPeriod > 0 && o.PerAgencyTokens.ReplenishmentPeriod > TimeSpan.Zero, "RateLimiting:PerAgencyTokens values must be positive.")
            .Validate(o => o.FailedAuthentication.PermitLimit > 0 && o.FailedAuthentication.Window > TimeSpan.Zero, "RateLimiting:FailedAuthentication values must be positive.")
            .Validate(o => o.PerAddress.PermitLimit > 0 && o.PerAddress.Window > TimeSpan.Zero, "RateLimiting:PerAddress values must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<FailedAuthenticationLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, options) =>
        {
            var perKey = options.Value.PerKey;
            var perAgencyTokens = options.Value.PerAgencyTokens;
            var perAddress = options.Value.PerAddress;
            var perCaller = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionOf(context) is { } key
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(perKey))
                : RateLimitPartition.GetFixedWindowLimiter(AnonymousPartitionOf(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perAddress.PermitLimit,
                    Window = perAddress.Window,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

            // A token also draws on its agency's shared bucket; keys and anonymous requests do not.
            var perAgency = PartitionedRateLimiter.Create<HttpContext, string>(context => TokenAgencyOf(context) is { } agency
                ? RateLimitPartition.GetTokenBucketLimiter(agency, _ => Bucket(perAgencyTokens))
                : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perCaller, perAgency);
            limiter.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.RequestServices.GetService<ReferralMetrics>()?.RateLimited("per_key");
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
                return new ValueTask(ProblemWriter.WriteAsync(rejected.HttpContext, Throttled(wait)));
            };
        });
        return builder;
    }

    /// <summary>429 <c>rate-limited</c>, telling the client how many seconds to wait.</summary>
    public static ApiProblem Throttled(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return new ApiProblem(ProblemCodes.RateLimited, new LocalizedText(Messages.RetryLater, seconds))
        {
            RetryAfter = TimeSpan.FromSeconds(seconds),
        };
    }

    private static TokenBucketRateLimiterOptions Bucket(PerKeyLimit limit) => new()
    {
        TokenLimit = limit.TokenLimit,
        TokensPerPeriod = limit.TokensPerPeriod,
        ReplenishmentPeriod = limit.ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The agency of a request made with a token (it names a person); null for keys and anonymous requests.</summary>
    private static string? TokenAgencyOf(HttpContext context) =>
        context.User.FindFirst(Caller.PersonClaim) is null ? null : context.User.FindFirst(Caller.AgencyClaim)?.Value;

    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>
    /// Health checks have their own budget per address: load-balancer probes behind one proxy address
    /// must not be refused because other clients behind it sent junk.
    /// </summary>
    private static string AnonymousPartitionOf(HttpContext context) =>
        (context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ? HealthPartition : AddressPartition) + AddressOf(context);

    /// <summary>
    /// The authenticated key's id; for a token, its agency and person (each person has a budget of a
    /// key's size); one partition for the admin; null for a request without valid credentials, limited per address.
    /// </summary>
    private static string? PartitionOf(HttpContext context) =>
        (context.User.FindFirst(Caller.PersonClaim)?.Value is { } person ? $"{PersonPartition}{context.User.FindFirst(Caller.AgencyClaim)?.Value}:{person}" : null)
        ?? context.User.FindFirst(Caller.KeyClaim)?.Value
        ?? (context.User.IsInRole(Roles.Admin) ? AdminPartition : null);
}
