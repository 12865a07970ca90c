using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace ReferralApi.Infrastructure.Errors;

/// <summary>Renders every error answer as RFC 9457 <c>application/problem+json</c> in the caller's language.</summary>
internal static class ProblemWriter
{
    public static ProblemDetails Build(HttpContext context, ApiProblem problem)
    {
        var language = context.PreferredLanguage();
        var details = Create(context, problem.Code, problem.Status, problem.Detail?.Render(language));
        foreach (var (key, value) in problem.Extensions)
        {
            details.Extensions[key] = value;
        }

        if (problem.Errors is { Count: > 0 } errors)
        {
            details.Extensions["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Render(language)).ToArray());
        }

        return details;
    }

    public static ProblemDetails Create(HttpContext context, string code, int status, string? detail)
    {
        var details = new ProblemDetails
        {
            Type = ProblemTypes.UriFor(context, code),
            Title = ProblemCatalog.Title(code, context.PreferredLanguage()),
            Status = status,
            Detail = detail,
        };
        details.Extensions["code"] = code;
        details.Extensions["traceId"] = Activity.Current?.Id ?? context.TraceIdentifier;
        return details;
    }

    public static Task WriteAsync(HttpContext context, ApiProblem problem)
    {
        if (problem.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (problem.ContentRange is { } contentRange)
        {
            context.Response.Headers.ContentRange = contentRange;
        }

        return WriteAsync(context, Build(context, problem));
    }

    public static Task WriteAsync(HttpContext context, ProblemDetails details)
    {
        context.Response.StatusCode = details.Status ?? 500;
        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The unread body stays on the connection, so the server closes it; say so, or a client
            // reusing the connection fails its next request.
            context.Response.Headers.Connection = "close";
        }

        return TypedResults.Problem(details).ExecuteAsync(context);
    }
}
