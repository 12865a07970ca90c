using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.OpenApi;

namespace ReferralApi.Infrastructure.Errors;

/// <summary>
/// <c>GET /problems/{code}</c>: what a problem <c>type</c> resolves to, a short HTML page in English
/// or, for <c>Accept-Language: id</c>, Indonesian. Anonymous, like the document itself: it holds
/// nothing but the catalog. An unknown code is a 404 problem.
/// </summary>
internal static class ProblemPages
{
    public static IEndpointRouteBuilder MapProblemPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(ProblemTypes.PathPrefix + "{code}", Page).WithTags("Problems").WithName("GetProblemType")
            .AllowAnonymous()
            .WithSummary("The page a problem's type URI resolves to: its title, status and what to do, in English or Indonesian.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblems(404);
        return app;
    }

    private static ContentHttpResult Page(string code, HttpContext http)
    {
        if (!ProblemCatalog.Entries.TryGetValue(code, out var entry))
        {
            throw ApiProblem.NotFound();
        }

        var language = http.PreferredLanguage();
        var indonesian = language == Language.Indonesian;
        http.Response.Headers.ContentLanguage = indonesian ? "id" : "en";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'";
        http.Response.Headers.Vary = "Accept-Language";
        var title = WebUtility.HtmlEncode(indonesian ? entry.Indonesian : entry.English);
        var advice = WebUtility.HtmlEncode(ProblemAdvice.For(entry.Status, language));
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(indonesian ? "id" : "en").Append("\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(code).Append("</title></head>\n<body>\n<h1>").Append(title).Append("</h1>\n<p><code>").Append(code)
            .Append("</code> · HTTP ").Append(entry.Status).Append("</p>\n<p>").Append(advice).Append("</p>\n</body>\n</html>\n")
            .ToString();
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
