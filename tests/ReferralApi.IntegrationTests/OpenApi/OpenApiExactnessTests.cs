using System.Text.Json.Nodes;
using ReferralApi.Domain;
using ReferralApi.Features.Events;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.OpenApi;

/// <summary>
/// The document says what the API does: codes are the strings that travel, answers require every
/// property they always carry and allow null exactly where it can come, requests require what the
/// validators demand, every error is a Problem, and webhooks are described.
/// </summary>
public sealed class OpenApiExactnessTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    [Fact]
    public async Task EveryCode_IsAStringEnumOfTheCodesTheApiSends()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        var enums = typeof(Codes).Assembly.GetTypes().Where(t => t.IsEnum && t.IsPublic && t.Namespace == typeof(Codes).Namespace).ToList();
        var checkedAny = false;
        foreach (var type in enums.Where(t => schemas.ContainsKey(t.Name)))
        {
            var schema = schemas[type.Name]!;
            Assert.Equal("string", (string?)schema["type"]);
            var expected = Enum.GetNames(type).Select(n => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(n));
            Assert.Equal(expected, schema["enum"]!.AsArray().Select(v => (string)v!));
            checkedAny = true;
        }

        Assert.True(checkedAny);
        var integerEnums = Walk(await DocumentAsync()).Where(n => n["enum"] is not null && (string?)n["type"] is "integer" or "number").ToList();
        Assert.True(integerEnums.Count == 0, "Enums published as numbers: " + string.Join(", ", integerEnums.Select(n => n.ToJsonString())));
    }

    [Fact]
    public async Task Answers_RequireEveryPropertyTheyCarry()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!.AsObject();
        var offenders = new List<string>();
        foreach (var (name, schema) in schemas)
        {
            if (name == "Problem" || name.EndsWith("Request", StringComparison.Ordinal) || name.EndsWith("Input", StringComparison.Ordinal) || schema?["properties"] is not JsonObject properties)
            {
                continue;
            }

            var required = (schema["required"] as JsonArray ?? []).Select(r => (string)r!).ToHashSet();
            offenders.AddRange(properties.Select(p => p.Key).Where(p => !required.Contains(p) && !Optional.Contains($"{name}.{p}")).Select(p => $"{name}.{p}"));
        }

        Assert.True(offenders.Count == 0, "Answer properties not marked required: " + string.Join(", ", offenders));
    }

    [Theory]
    [InlineData("ReferralResponse", "trafficking")]
    [InlineData("ReferralResponse", "incident")]
    [InlineData("ReferralResponse", "consent")]
    [InlineData("CaseReferral", "subject")]
    [InlineData("SubjectDetails", "safeContact")]
    [InlineData("StatusHistoryEntry", "reasonCode")]
    [InlineData("ReportFilters", "sector")]
    [InlineData("ReferralResponse", "receiverReference")]
    public async Task PropertiesTheApiAnswersNullFor_AreNullable(string schema, string property)
    {
        var node = (await DocumentAsync())["components"]!["schemas"]![schema]!["properties"]![property]!;

        Assert.True(AllowsNull(node), $"{schema}.{property} does not allow null: {node.ToJsonString()}");
    }

    [Theory]
    [InlineData("CreateReferralRequest", "legalBasis,reason,servicesRequested,subject,toAgencyId,urgency,violenceTypes")]
    [InlineData("SubjectDetailsInput", "initials,sex")]
    [InlineData("ConsentRecordInput", "givenBy,obtainedAt")]
    [InlineData("AcknowledgeReferralRequest", "decision")]
    [InlineData("ChangeReferralStatusRequest", "status")]
    [InlineData("AddNoteRequest", "text")]
    [InlineData("CreateAgencyRequest", "code,name,regionCode,roles,sector")]
    [InlineData("CreateWebhookRequest", "url")]
    [InlineData("UpdateAgencyRequest", "")]
    public async Task Requests_RequireWhatTheValidatorsDemand_AndNoNullForIt(string schema, string expected)
    {
        var node = (await DocumentAsync())["components"]!["schemas"]![schema]!;
        var required = (node["required"] as JsonArray ?? []).Select(r => (string)r!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), required);
        Assert.All(required, r => Assert.False(AllowsNull(node["properties"]![r]!), $"{schema}.{r} is required but nullable"));
    }

    [Fact]
    public async Task EveryErrorAnswer_IsAProblem()
    {
        var document = await DocumentAsync();
        var offenders = new List<string>();
        var errors = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var (status, response) in operation!["responses"]!.AsObject().Where(r => r.Key[0] is '4' or '5'))
                {
                    errors++;
                    var reference = (string?)response?["content"]?["application/problem+json"]?["schema"]?["$ref"];
                    if (reference != "#/components/schemas/Problem" || response!["content"]!.AsObject().Count != 1)
                    {
                        offenders.Add($"{method.ToUpperInvariant()} {path} {status}");
                    }
                }
            }
        }

        Assert.True(errors > 100);
        Assert.True(offenders.Count == 0, "Error answers not described by Problem: " + string.Join(", ", offenders));
        var problem = document["components"]!["schemas"]!["Problem"]!;
        Assert.Equal(["code", "status", "title", "traceId", "type"], problem["required"]!.AsArray().Select(r => (string)r!).Order(StringComparer.Ordinal));
        foreach (var extension in new[] { "errors", "allowedTransitions", "currentStatus", "currentVersion", "offeredServices" })
        {
            Assert.NotNull(problem["properties"]![extension]);
        }
    }

    [Fact]
    public async Task Webhooks_DescribeEveryEventType_AndThePing()
    {
        var webhooks = (await DocumentAsync())["webhooks"]!.AsObject();

        Assert.Equal(EventTypes.All.Append("webhook.ping").Order(StringComparer.Ordinal), webhooks.Select(w => w.Key).Order(StringComparer.Ordinal));
        var created = webhooks["referral.created"]!["post"]!;
        Assert.Equal("#/components/schemas/EventResponse", (string?)created["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]);
        Assert.Equal(
            ["User-Agent", "webhook-id", "webhook-signature", "webhook-timestamp"],
            created["parameters"]!.AsArray().Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListLimits_AreBoundedIntegers()
    {
        var document = await DocumentAsync();
        var limits = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Name: $"{o.Key} {p.Key}", Operation: o.Value!)))
            .SelectMany(o => (o.Operation["parameters"] as JsonArray ?? []).Where(p => (string?)p!["name"] == "limit").Select(p => (o.Name, Schema: p!["schema"]!)))
            .ToList();

        Assert.True(limits.Count >= 8);
        Assert.All(limits, l =>
        {
            Assert.Equal("integer", (string?)l.Schema["type"]);
            Assert.Equal(1, (int?)l.Schema["minimum"]);
            Assert.Equal(l.Name.EndsWith("/v1/events", StringComparison.Ordinal) ? 500 : 200, (int?)l.Schema["maximum"]);
        });
    }

    [Theory]
    [InlineData("/v1/referrals", "post", "201", "Location,ETag,Idempotent-Replayed,X-Correlation-Id")]
    [InlineData("/v1/referrals/{id}", "get", "200", "ETag,X-Correlation-Id")]
    [InlineData("/v1/referrals/{id}", "get", "401", "WWW-Authenticate,X-Correlation-Id")]
    [InlineData("/v1/referrals", "get", "429", "Retry-After,X-Correlation-Id")]
    [InlineData("/v1/referrals", "get", "503", "Retry-After,X-Correlation-Id")]
    public async Task ResponseHeaders_AreDeclaredWhereSent(string path, string method, string status, string headers)
    {
        var declared = (await DocumentAsync())["paths"]![path]![method]!["responses"]![status]!["headers"]!.AsObject().Select(h => h.Key);

        Assert.Equal(headers.Split(',').Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryStringArrayAndInteger_IsBounded_ExceptListsThatGrowWithAReferral()
    {
        var offenders = Walk(await DocumentAsync()).Select(Unbounded).OfType<string>().ToList();

        Assert.Equal(4, offenders.Count(o => o == "array"));
        Assert.True(offenders.All(o => o == "array"), "Unbounded schemas: " + string.Join(", ", offenders));
    }

    /// <summary>What is unbounded about a schema node, if anything.</summary>
    private static string? Unbounded(JsonNode node)
    {
        var types = node["type"] switch
        {
            JsonArray many => many.Select(t => (string?)t).ToList(),
            JsonValue one when one.GetValueKind() == System.Text.Json.JsonValueKind.String => [(string?)one],
            _ => [],
        };
        return types.Contains("string") && node["maxLength"] is null && node["enum"] is null ? "string " + node.ToJsonString()
            : types.Contains("integer") && (node["minimum"] is null || node["maximum"] is null) ? "integer " + node.ToJsonString()
            : types.Contains("array") && node["maxItems"] is null ? "array"
            : null;
    }

    /// <summary>The answer properties left out when empty: the create answer's warnings, and what a batch result does not carry.</summary>
    private static readonly HashSet<string> Optional = ["ReferralResponse.warnings", "ReferralBatchResult.id", "ReferralBatchResult.replayed", "ReferralBatchResult.problem"];

    private static bool AllowsNull(JsonNode schema) =>
        (schema["type"] is JsonArray types && types.Any(t => (string?)t == "null"))
        || (schema["oneOf"] is JsonArray choices && choices.Any(c => (string?)c?["type"] == "null"));

    private static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var child in obj.SelectMany(p => Walk(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.SelectMany(Walk))
                {
                    yield return child;
                }

                break;
        }
    }

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await OpenApiDocumentTests.FetchAsync(fx))!;
}
