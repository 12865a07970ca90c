using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using ReferralApi.Infrastructure.Errors;

namespace ReferralApi.Infrastructure.Http;

/// <summary>Cross-cutting HTTP rules: body size cap, correlation id, HSTS, and headers every answer carries.</summary>
internal static partial class RequestPipeline
{
    public const long MaxBodyBytes = 256 * 1024;
    public const string CorrelationHeader = "X-Correlation-Id";

    public static WebApplicationBuilder AddRequestPipeline(this WebApplicationBuilder builder)
    {
        // Raised per request for a LargeBodyRoute; every other body stays within this.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxBodyBytes);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        return builder;
    }

    public static WebApplication UseRequestPipeline(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReferralApi.Http");
        var largeBodyRoutes = app.Services.GetServices<LargeBodyRoute>().ToList();

        // Strict-Transport-Security on answers over HTTPS (directly, or through a proxy with
        // forwarded headers on); browsers then never try plain http for this host again.
        app.UseHsts();
        app.Use(async (context, next) =>
        {
            var correlationId = CorrelationIdOf(context);
            context.Items[CorrelationHeader] = correlationId;

            // Set as the answer starts, so it survives the problem handler clearing the response.
            context.Response.OnStarting(SetAnswerHeaders, context);

            // A route may take more: an upload its own limit (LargeBodyRoute, which answers its own
            // 413), the batch import the one it declares (BodySizeLimit); every other body is capped.
            var largeBody = LargeBodyRouteOf(largeBodyRoutes, context.Request);
            var maxBody = largeBody?.MaxBytes ?? context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = maxBody;
            }

            using var scope = logger.BeginScope(new CorrelationScope(correlationId));
            Activity.Current?.SetTag("correlation.id", correlationId);
            if (largeBody is null && context.Request.ContentLength > maxBody)
            {
                await ProblemWriter.WriteAsync(context, new ApiProblem(ProblemCodes.PayloadTooLarge));
                return;
            }

            if (DeclaresForeignCharset(context.Request))
            {
                await ProblemWriter.WriteAsync(context, new ApiProblem(ProblemCodes.UnsupportedMediaType));
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>The headers every answer carries; static, so registering it costs a request no new delegate.</summary>
    private static readonly Func<object, Task> SetAnswerHeaders = static state =>
    {
        var context = (HttpContext)state;
        var headers = context.Response.Headers;
        headers[CorrelationHeader] = context.CorrelationId();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        return Task.CompletedTask;
    };

    private static LargeBodyRoute? LargeBodyRouteOf(List<LargeBodyRoute> routes, HttpRequest request)
    {
        foreach (var route in routes)
        {
            if (route.Matches(request))
            {
                return route;
            }
        }

        return null;
    }

    public static string CorrelationId(this HttpContext context) =>
        context.Items[CorrelationHeader] as string ?? string.Empty;

    /// <summary>
    /// JSON travels as UTF-8 (RFC 8259). Any other declared charset is refused here: the framework's
    /// body reader throws on a charset name it does not know, which would otherwise end as a 500.
    /// </summary>
    private static bool DeclaresForeignCharset(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.Charset.HasValue
        && !type.Charset.AsSpan().Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    /// <summary>A client's id is echoed only when it is short visible ASCII, so it is safe to log.</summary>
    private static string CorrelationIdOf(HttpContext context)
    {
        var given = context.Request.Headers[CorrelationHeader].ToString();
        return given.Length is > 0 and <= 100 && given.All(c => c is >= '!' and <= '~')
            ? given
            : Guid.CreateVersion7().ToString("N");
    }
}
