using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using ReferralApi.IntegrationTests.Webhooks;
using Xunit.Sdk;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>
/// Every path, query and header parameter of every route in the served OpenAPI document gets junk,
/// boundary and huge values, one parameter at a time with the others valid (real ids of the
/// caller's own referral, case, agency and webhook): the answer is never a 5xx, and every refusal
/// is problem+json.
/// </summary>
public abstract class RouteFuzzTests<TEngine>(RouteFuzzFixture<TEngine> fx) : IClassFixture<RouteFuzzFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task EveryParameterOfEveryRoute_RefusesJunkWithout5xx()
    {
        using var sender = await fx.CreateAgencyAsync(roles: ["agency", "oversight"]);
        using var receiver = await fx.CreateAgencyAsync();
        using var admin = fx.CreateAdminClient();
        var referral = await Scenario.SendReferralAsync(sender, receiver);
        var (webhookId, _) = await WebhookApi.SubscribeAsync(sender, "http://127.0.0.1:9/hook");
        var ids = new Ids(sender.Id, Scenario.IdOf(referral), Guid.Parse((string)referral["caseId"]!), webhookId);

        using var anonymous = fx.CreateClient();
        using var documentResponse = await anonymous.GetAsync("/openapi/v1.json", Http.Ct);
        var operations = FuzzOperation.AllOf(await documentResponse.ExpectAsync(HttpStatusCode.OK));
        var failures = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var fuzzed = 0;

        foreach (var operation in operations)
        {
            var client = operation.Path.StartsWith("/v1/admin", StringComparison.Ordinal) || operation.Path.StartsWith("/v1/agencies", StringComparison.Ordinal)
                ? admin
                : sender.Client;
            foreach (var parameter in operation.Parameters)
            {
                foreach (var value in FuzzParameterValues.For(parameter.In))
                {
                    using var request = Request(operation, ids, parameter, value);
                    using var response = await client.SendAsync(request, Http.Ct);
                    var text = await response.Content.ReadAsStringAsync(Http.Ct);
                    var status = (int)response.StatusCode;
                    statuses[status] = statuses.GetValueOrDefault(status) + 1;
                    fuzzed++;
                    if (Verdict(response, text) is { } wrong)
                    {
                        failures.Add($"{operation.Method} {operation.Path} {parameter.In} {parameter.Name}={Shorten(value)}: {wrong}");
                    }
                }
            }
        }

        var summary = string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {fuzzed} requests were mishandled ({summary}):\n{string.Join("\n", failures.Take(25))}");

        // The document must really have been walked: routes with path, query and header parameters.
        Assert.True(operations.Count >= 30, $"only {operations.Count} operations in the document");
        Assert.True(statuses.GetValueOrDefault(400) > fuzzed / 4, summary);
    }

    private static HttpRequestMessage Request(FuzzOperation operation, Ids ids, FuzzParameter fuzzed, string value)
    {
        var path = operation.Path;
        foreach (var parameter in operation.Parameters.Where(p => p.In == "path"))
        {
            var replacement = parameter == fuzzed ? Uri.EscapeDataString(value) : ids.For(operation.Path, parameter.Name);
            path = path.Replace("{" + parameter.Name + "}", replacement, StringComparison.Ordinal);
        }

        if (fuzzed.In == "query")
        {
            path += "?" + Uri.EscapeDataString(fuzzed.Name) + "=" + Uri.EscapeDataString(value);
        }

        var request = new HttpRequestMessage(operation.Method, new Uri(path, UriKind.Relative));
        if (fuzzed.In == "header")
        {
            request.Headers.TryAddWithoutValidation(fuzzed.Name, value);
        }

        if (operation.Method == HttpMethod.Post || operation.Method == HttpMethod.Put || operation.Method == HttpMethod.Patch)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return request;
    }

    /// <summary>Null when the answer is acceptable: any non-5xx, and a 4xx with a body is a well-formed problem.</summary>
    private static string? Verdict(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"{status} {Shorten(text)}";
        }

        if (status < 400 || text.Length == 0)
        {
            return null;
        }

        try
        {
            ProblemAssert.Shape(response, text);
            return null;
        }
        catch (XunitException e)
        {
            return e.Message;
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + $"… ({text.Length} chars)";

    /// <summary>Real ids of the caller's own resources, so a parameter other than the fuzzed one is valid.</summary>
    private sealed record Ids(Guid Agency, Guid Referral, Guid Case, Guid Webhook)
    {
        public string For(string path, string name) => name switch
        {
            "agencyId" => Agency.ToString(),
            "caseId" => Case.ToString(),
            "id" when path.StartsWith("/v1/webhooks", StringComparison.Ordinal) => Webhook.ToString(),
            "id" => Referral.ToString(),
            _ => Guid.CreateVersion7().ToString(),
        };
    }
}

public sealed class RouteFuzzTests_Sqlite(RouteFuzzFixture<Sqlite> fx) : RouteFuzzTests<Sqlite>(fx);

public sealed class RouteFuzzTests_Postgres(RouteFuzzFixture<Postgres> fx) : RouteFuzzTests<Postgres>(fx);

public sealed class RouteFuzzTests_SqlServer(RouteFuzzFixture<SqlServer> fx) : RouteFuzzTests<SqlServer>(fx);
