namespace ReferralApi.Infrastructure.Errors;

/// <summary>
/// A problem's <c>type</c> is an absolute URI that resolves to its page, <c>GET /problems/{code}</c>
/// (RFC 9457 §3.1.1). It is made absolute against <c>Problems:PublicBaseUrl</c> when configured (an
/// API behind a proxy that changes scheme or host), otherwise against the request's own scheme,
/// host and path base: the address the client used to reach the API.
/// </summary>
internal static class ProblemTypes
{
    public const string PathPrefix = "/problems/";
    public const string PublicBaseUrlSetting = "Problems:PublicBaseUrl";

    public static string UriFor(HttpContext context, string code)
    {
        var configured = context.RequestServices.GetService<IConfiguration>()?[PublicBaseUrlSetting];
        var origin = string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host.ToUriComponent()}{context.Request.PathBase.ToUriComponent()}"
            : configured.TrimEnd('/');
        return origin + PathPrefix + code;
    }
}
