using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security.RateLimiting;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c>. Unknown, wrong, revoked and expired keys all fail the
/// same way, so a 401 says nothing about which keys exist. A client address that has presented too
/// many wrong keys is answered 429 without its keys being looked up, so keys cannot be guessed.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyLookup lookup,
    IOptions<AdminOptions> admin,
    FailedAuthenticationLimiter failures,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);
    private static readonly object ThrottledKey = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Not a bearer token.");
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (failures.Blocked(address) is { } wait)
        {
            return Throttled(wait);
        }

        var key = header["Bearer ".Length..].Trim();
        if (admin.Value.ApiKey is { Length: > 0 } adminKey && ApiKeySecret.Matches(key, ApiKeySecret.Hash(adminKey)))
        {
            return Success([new Claim(ClaimTypes.Role, Roles.Admin)]);
        }

        var prefix = ApiKeySecret.PrefixOf(key);
        var row = prefix is null ? null : await lookup.FindAsync(prefix, Context.RequestAborted);
        var now = clock.Now();
        if (row is null || !ApiKeySecret.Matches(key, row.KeyHash) || row.RevokedAt is not null
            || row.ExpiresAt <= now || !row.AgencyActive)
        {
            Context.RequestServices.GetService<ReferralMetrics>()?.AuthenticationFailed();
            return failures.RecordFailure(address) is { } exhausted ? Throttled(exhausted) : AuthenticateResult.Fail("Invalid key.");
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt >= LastUsedGranularity)
        {
            await lookup.TouchAsync(row.KeyId, now, Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(Caller.AgencyClaim, row.AgencyId.ToString("D", CultureInfo.InvariantCulture)),
            new(Caller.KeyClaim, row.KeyId.ToString("D", CultureInfo.InvariantCulture)),
        };
        claims.AddRange(Domain.Codes.FromJsonList<Domain.AgencyRole>(row.Roles).Select(r => new Claim(ClaimTypes.Role, Domain.Codes.Of(r))));
        return Success(claims);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan wait)
        {
            return ProblemWriter.WriteAsync(Context, RateLimitingSetup.Throttled(wait));
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        return ProblemWriter.WriteAsync(Context, new ApiProblem(ProblemCodes.Unauthorized));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, new ApiProblem(ProblemCodes.Forbidden));

    private AuthenticateResult Throttled(TimeSpan wait)
    {
        Context.Items[ThrottledKey] = wait;
        Context.RequestServices.GetService<ReferralMetrics>()?.RateLimited("failed_authentication");
        return AuthenticateResult.Fail("Too many failed authentications from this address.");
    }

    private static AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
}
