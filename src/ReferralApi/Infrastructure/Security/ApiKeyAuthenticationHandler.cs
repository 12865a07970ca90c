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
/// same way, so a 401 says nothing about which keys exist. A key not shaped like ours is refused
/// without a lookup. A client address that has failed too often gets 429 before any lookup (so junk
/// cannot reach the database without bound) unless its key's prefix has authenticated on this
/// instance before; a stored key's prefix that has failed too often gets 429 for its further failures.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyLookup lookup,
    AdminKeys admin,
    FailedAuthenticationLimiter failures,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan LastUsedGranularity = TimeSpan.FromMinutes(1);
    private static readonly object ThrottledKey = new();

    /// <summary>No events are configured for this scheme: one placeholder for every request, where the base class makes one each time.</summary>
    private static readonly Task<object> NoEvents = Task.FromResult(new object());

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

        var address = RateLimitingSetup.AddressOf(Context);
        var key = header.AsSpan("Bearer ".Length).Trim();
        var digest = ApiKeySecret.Digest(key);
        if (admin.Match(digest) is { } fingerprint)
        {
            return Success(new CallerIdentity([new Claim(ClaimTypes.Role, Roles.Admin), new Claim(Caller.AdminKeyClaim, fingerprint)], SchemeName));
        }

        var prefix = ApiKeySecret.PrefixOf(key);
        if (failures.WaitBeforeLookup(address, prefix) is { } wait)
        {
            return Throttled(wait);
        }

        var row = prefix is null ? null : await lookup.FindAsync(prefix, Context.RequestAborted);
        var now = clock.Now();

        // A key without an expiry (none should remain after migration 0010) counts as expired.
        if (row is null || !ApiKeySecret.Matches(digest, row.KeyHash) || row.RevokedAt is not null
            || row.ExpiresAt is not { } expiresAt || expiresAt <= now || !row.AgencyActive)
        {
            Context.RequestServices.GetService<ReferralMetrics>()?.AuthenticationFailed();
            return failures.RecordFailure(address, row is null ? null : prefix) is { } exhausted ? Throttled(exhausted) : AuthenticateResult.Fail("Invalid key.");
        }

        if (row.LastUsedAt is null || now - row.LastUsedAt >= LastUsedGranularity)
        {
            await lookup.TouchAsync(prefix!, row.KeyId, now, Context.RequestAborted);
        }

        var (roles, roleSet) = KeyGrants.Roles(row.Roles);
        var permissions = KeyGrants.Permissions(row.Permissions);
        var claims = new List<(string, string)>(2 + roles.Length + permissions.Length)
        {
            (Caller.AgencyClaim, row.AgencyId.ToString("D", CultureInfo.InvariantCulture)),
            (Caller.KeyClaim, row.KeyId.ToString("D", CultureInfo.InvariantCulture)),
        };
        foreach (var role in roles)
        {
            claims.Add((ClaimTypes.Role, role));
        }

        foreach (var permission in permissions)
        {
            claims.Add((Caller.PermissionClaim, permission));
        }

        // The caller the claims describe, known here without reading them back.
        return Success(new CallerIdentity(SchemeName, new Caller(row.AgencyId, row.KeyId, roleSet), claims));
    }

    protected override Task<object> CreateEventsAsync() => NoEvents;

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

    private static AuthenticateResult Success(CallerIdentity identity) =>
        AuthenticateResult.Success(new AuthenticationTicket(new CallerPrincipal(identity), SchemeName));
}
