using Microsoft.Net.Http.Headers;
using ReferralApi.Infrastructure.Idempotency;

namespace ReferralApi.Infrastructure.Http;

/// <summary>
/// Browsers on the origins in <c>Cors:AllowedOrigins</c> (none by default) may call the API. Bearer
/// tokens only: no cookies, so no credentials mode. Other origins get no CORS headers and their
/// browser refuses the answer; a preflight from them is answered without any permission.
/// </summary>
internal static class CorsSetup
{
    public const string SectionName = "Cors";

    /// <summary>Headers a browser script may read: everything the API's answers tell a client beyond the body.</summary>
    public static readonly string[] ExposedHeaders =
    [
        HeaderNames.ETag, HeaderNames.Location, IdempotencyKeys.ReplayedHeader, HeaderNames.RetryAfter,
        RequestPipeline.CorrelationHeader, HeaderNames.ContentDisposition,
    ];

    /// <summary>Headers a browser script may send, beyond the always-allowed simple ones.</summary>
    private static readonly string[] AllowedHeaders =
    [
        HeaderNames.Authorization, HeaderNames.ContentType, HeaderNames.IfMatch, HeaderNames.IfNoneMatch,
        IdempotencyKeys.HeaderName, RequestPipeline.CorrelationHeader, HeaderNames.AcceptLanguage,
    ];

    public static WebApplicationBuilder AddBrowserAccess(this WebApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection(SectionName + ":AllowedOrigins").Get<string[]>() ?? [];
        var invalid = origins.Where(o => !IsOrigin(o)).ToList();
        if (invalid.Count > 0)
        {
            throw new InvalidOperationException($"Cors:AllowedOrigins must list origins (scheme://host[:port], no path): {string.Join(", ", invalid)}");
        }

        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. origins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .DisallowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo) && !value.TrimEnd('/').EndsWith('/');
}
