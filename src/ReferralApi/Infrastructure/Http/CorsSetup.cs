using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
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
        builder.Services.AddOptions<BrowserAccessOptions>().BindConfiguration(BrowserAccessOptions.SectionName)
            .Validate(o => o.AllowedOrigins.All(BrowserAccessOptions.IsOrigin), "Cors:AllowedOrigins must list origins: scheme://host[:port], without path, query or user.")
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddOptions<CorsOptions>().Configure<IOptions<BrowserAccessOptions>>((cors, options) => cors.AddDefaultPolicy(policy => policy
            .WithOrigins([.. options.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete)
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .DisallowCredentials()
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        return builder;
    }
}
