using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ReferralApi.Infrastructure.Telemetry;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// Turns a validated token into the claims the key handler produces (agency, its roles, a key id),
/// plus the person and the token's scopes. Nothing else of the token is kept: a token cannot grant
/// itself a role, an agency id or the admin role, whatever claims its provider put in.
/// </summary>
internal static class TokenPrincipal
{
    /// <summary>The longest <c>sub</c> accepted and <c>name</c> kept, as the API documents them; providers' ids are far shorter.</summary>
    public const int MaxClaimLength = 200;

    public static async Task OnTokenValidatedAsync(TokenValidatedContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<JwtOptions>>().Value;
        var token = context.Principal;
        var code = token?.FindFirst(options.AgencyClaim)?.Value;
        var subject = token?.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(subject) || subject.Length > MaxClaimLength)
        {
            Refuse(context, $"The token names no agency ({options.AgencyClaim}) or no usable person (sub).");
            return;
        }

        var lookup = context.HttpContext.RequestServices.GetRequiredService<TokenAgencyLookup>();
        if (await lookup.FindAsync(code, context.HttpContext.RequestAborted) is not { Active: true } agency)
        {
            Refuse(context, "The token's agency is unknown or inactive.");
            return;
        }

        var claims = new List<Claim>
        {
            new(Caller.AgencyClaim, agency.Id.ToString("D", CultureInfo.InvariantCulture)),
            new(Caller.KeyClaim, Caller.TokenKeyId.ToString("D", CultureInfo.InvariantCulture)),
            new(Caller.PersonClaim, subject),
        };
        if (token!.FindFirst("name")?.Value is { Length: > 0 } name)
        {
            claims.Add(new Claim(Caller.PersonNameClaim, name.Length > MaxClaimLength ? name[..MaxClaimLength] : name));
        }

        claims.AddRange(Domain.Codes.FromJsonList<Domain.AgencyRole>(agency.Roles).Select(r => new Claim(ClaimTypes.Role, Domain.Codes.Of(r))));
        claims.AddRange(ScopesOf(token).Select(s => new Claim(Caller.ScopeClaim, s)));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(claims, BearerSchemes.Token));
    }

    /// <summary>Scopes as granted: <c>scope</c> (RFC 8693, space separated) and Entra's <c>scp</c>; only the ones this API knows.</summary>
    public static IEnumerable<string> ScopesOf(ClaimsPrincipal token) =>
        token.FindAll("scope").Concat(token.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => Scopes.All.Contains(s, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal);

    private static void Refuse(TokenValidatedContext context, string reason)
    {
        context.HttpContext.RequestServices.GetService<ReferralMetrics>()?.AuthenticationFailed();
        context.Fail(reason);
    }
}
