using System.Text.Json.Nodes;
using ReferralApi.Cli.Http;

namespace ReferralApi.Cli.Output;

/// <summary>
/// A problem+json answer as a person reads it: title, status and code, detail, one line per field
/// error, and the trace id to quote to the API's operators. With <c>--json</c>, the body as sent.
/// The API already wrote title, detail and field messages in the requested language.
/// </summary>
internal static class ProblemPrinter
{
    public static void Print(TextWriter error, ApiProblemException problem, bool json, string language)
    {
        if (json)
        {
            error.WriteLine(problem.Problem.ToJsonString());
            return;
        }

        var body = problem.Problem;
        var code = problem.Code is null ? "" : $", {problem.Code}";
        error.WriteLine($"{Messages.Error(language)}{(string?)body["title"]} ({problem.Status}{code})");
        if ((string?)body["detail"] is { Length: > 0 } detail)
        {
            error.WriteLine("  " + detail);
        }

        foreach (var (field, messages) in body["errors"] as JsonObject ?? [])
        {
            foreach (var message in messages as JsonArray ?? [])
            {
                error.WriteLine($"  {field}: {(string?)message}");
            }
        }

        // 409 invalid-transition names where the referral stands and where it may go.
        if ((string?)body["currentStatus"] is { } current)
        {
            var allowed = string.Join(", ", (body["allowedTransitions"] as JsonArray ?? []).Select(n => (string?)n));
            allowed = allowed.Length == 0 ? "-" : allowed;
            error.WriteLine($"  currentStatus: {current}; allowedTransitions: {allowed}");
        }

        if ((string?)body["traceId"] is { } trace)
        {
            error.WriteLine($"  {Messages.Trace(language)}: {trace}");
        }
    }
}
