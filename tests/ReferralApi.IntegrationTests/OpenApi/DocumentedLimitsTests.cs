using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.OpenApi;

/// <summary>
/// Every limit the document states for a new referral is one the API enforces: read each string's
/// maxLength and each integer's maximum from the served document, exceed it by one in an otherwise
/// valid referral, and expect a 400 naming that field. A limit written into the document but not
/// checked by the code fails here.
/// </summary>
public sealed class DocumentedLimitsTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    [Fact]
    public async Task EveryDocumentedLimitOfANewReferral_IsEnforced()
    {
        var document = JsonNode.Parse(await OpenApiDocumentTests.FetchAsync(fx))!;
        var limits = new List<(string Path, JsonNode Schema)>();
        Collect(document, document["components"]!["schemas"]!["CreateReferralRequest"]!, "$", limits);
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();

        var checkedLimits = 0;
        foreach (var (path, schema) in limits)
        {
            JsonNode? tooMuch = schema["maxLength"] is { } maxLength ? JsonValue.Create(new string('7', (int)maxLength + 1))
                : schema["maximum"] is { } maximum ? JsonValue.Create((long)maximum + 1)
                : null;
            if (tooMuch is null)
            {
                continue;
            }

            var body = Scenario.ReferralBody(recipient.Id);
            if (path == "$.subject.ageYears")
            {
                // birthDate and ageYears exclude each other.
                body["subject"]!.AsObject().Remove("birthDate");
            }

            Place(body, path, tooMuch);
            using var response = await sender.Client.PostJsonAsync("/v1/referrals", body);

            await ProblemAssert.ExpectValidationAsync(response, path);
            checkedLimits++;
        }

        Assert.True(checkedLimits >= 12, $"only {checkedLimits} limits found in the document");
    }

    private static void Collect(JsonNode document, JsonNode schema, string path, List<(string, JsonNode)> found)
    {
        schema = Resolve(document, schema);
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                Collect(document, property!, path + "." + name, found);
            }

            return;
        }

        found.Add((path, schema));
    }

    /// <summary>Follows a reference, or the non-null alternative of <c>oneOf: [ref, null]</c>.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        if (schema["oneOf"] is JsonArray choices)
        {
            schema = choices.First(c => (string?)c!["type"] != "null")!;
        }

        return schema["$ref"] is { } reference
            ? ((string)reference!)[2..].Split('/').Aggregate(document, (node, part) => node[part]!)
            : schema;
    }

    private static void Place(JsonObject body, string path, JsonNode value)
    {
        var parts = path[2..].Split('.');
        var parent = parts[..^1].Aggregate(body, (node, part) => (JsonObject)(node[part] ??= new JsonObject()));
        parent[parts[^1]] = value;
    }
}
