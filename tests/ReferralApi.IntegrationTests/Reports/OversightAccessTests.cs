using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.OpenApi;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>
/// An oversight body sees figures, never cases: a key holding only the oversight role is refused
/// (403) on every referral, case, event and webhook route, found in the served OpenAPI document so
/// that a route added later is covered without being listed here.
/// </summary>
public sealed partial class OversightAccessTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    private static readonly string[] CaseDataPrefixes = ["/v1/referrals", "/v1/cases", "/v1/events", "/v1/webhooks"];
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    [Fact]
    public async Task EveryReferralCaseEventAndWebhookRoute_Returns403_ToAnOversightOnlyKey()
    {
        using var komnas = await fx.CreateAgencyAsync(roles: ["oversight"], sector: "oversight", services: []);
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var referral = await Scenario.SendReferralAsync(sender, receiver);
        var routes = await CaseDataRoutesAsync();

        var answers = new List<string>();
        foreach (var (method, template) in routes)
        {
            // Real ids where the route names them, so a 403 cannot be a 404 in disguise.
            var url = Placeholder().Replace(template, m => m.Value switch
            {
                "{id}" => (string)referral["id"]!,
                "{caseId}" => (string)referral["caseId"]!,
                _ => Guid.CreateVersion7().ToString(),
            });
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await komnas.Client.SendAsync(request, Http.Ct);
            var body = await response.Content.ReadAsStringAsync(Http.Ct);
            if (response.StatusCode != HttpStatusCode.Forbidden || !body.Contains("\"code\":\"forbidden\"", StringComparison.Ordinal))
            {
                answers.Add($"{method} {template}: {(int)response.StatusCode} {body}");
            }
        }

        // Floor below today's count, so a document that lost its paths fails instead of passing.
        Assert.True(routes.Count >= 15, $"Only {routes.Count} case-data routes found in the OpenAPI document.");
        Assert.True(answers.Count == 0, "Routes that did not refuse the oversight key:\n" + string.Join('\n', answers));
        Assert.Equal(1, (int)(await Referrals.ReferralSteps.GetAsync(sender, Scenario.IdOf(referral)))["version"]!);
    }

    [Fact]
    public async Task AnOversightOnlyKey_ReadsReportsAndVocabularies()
    {
        using var komnas = await fx.CreateAgencyAsync(roles: ["oversight"], sector: "oversight", services: []);

        using var report = await komnas.Client.GetAsync("/v1/reports/summary", Http.Ct);
        using var csv = await komnas.Client.GetAsync("/v1/reports/summary", ("Accept", "text/csv"));
        using var vocabularies = await komnas.Client.GetAsync("/v1/vocabularies", Http.Ct);

        Assert.Equal("all", (string?)(await report.ExpectAsync(HttpStatusCode.OK))["scope"]);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        await vocabularies.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnOversightOnlyKey_CannotChangeAnAgency_NorReadAnotherAgencysKeys()
    {
        using var komnas = await fx.CreateAgencyAsync(roles: ["oversight"], sector: "oversight", services: []);
        using var shelter = await fx.CreateAgencyAsync();

        using var ownAgency = await komnas.Client.PatchJsonAsync("/v1/me/agency", new JsonObject { ["capacityStatus"] = "closed" });
        using var keys = await komnas.Client.GetAsync($"/v1/agencies/{shelter.Id}/api-keys", Http.Ct);

        await ProblemAssert.ExpectAsync(ownAgency, HttpStatusCode.Forbidden, "forbidden");
        Assert.True(keys.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"Got {(int)keys.StatusCode}.");
    }

    private async Task<List<(string Method, string Template)>> CaseDataRoutesAsync()
    {
        var document = JsonNode.Parse(await OpenApiDocumentTests.FetchAsync(fx))!;
        return
        [
            .. document["paths"]!.AsObject()
                .Where(path => CaseDataPrefixes.Any(prefix => path.Key.StartsWith(prefix, StringComparison.Ordinal)))
                .SelectMany(path => Methods.Where(m => path.Value![m] is not null).Select(m => (m.ToUpperInvariant(), path.Key))),
        ];
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();
}
