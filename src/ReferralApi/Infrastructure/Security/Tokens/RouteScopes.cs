using Microsoft.AspNetCore.Authorization;

namespace ReferralApi.Infrastructure.Security.Tokens;

/// <summary>
/// The scope a token needs for a route, decided in one place for authorization and the OpenAPI
/// document alike: <see cref="RequiredScope"/> metadata where a route names one; else reports for
/// report routes; else, on routes for agencies, <c>referrals.read</c> to read (GET) and
/// <c>referrals.write</c> to change anything. Routes open to any caller (the directory,
/// <c>/v1/me</c>) need no scope; admin routes need the admin key, which no token is.
/// </summary>
internal static class RouteScopes
{
    public static string? Of(IReadOnlyList<object> metadata)
    {
        if (metadata.OfType<RequiredScope>().LastOrDefault() is { } named)
        {
            return named.Scope;
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (policies.Contains(Policies.Admin))
        {
            return null;
        }

        if (policies.Contains(Policies.Reports) || policies.Contains(Policies.Oversight))
        {
            return Scopes.ReportsRead;
        }

        if (!policies.Contains(Policies.Agency))
        {
            return null;
        }

        var methods = metadata.OfType<Microsoft.AspNetCore.Routing.HttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
        return methods.Count > 0 && methods.All(m => m is "GET" or "HEAD") ? Scopes.ReferralsRead : Scopes.ReferralsWrite;
    }

    public static bool KeysOnly(IReadOnlyList<object> metadata) => metadata.OfType<RequiredScope>().LastOrDefault()?.KeysOnly == true;
}
