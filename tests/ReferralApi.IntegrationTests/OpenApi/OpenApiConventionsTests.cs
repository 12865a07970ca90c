using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.OpenApi;

/// <summary>What the contract promises integrators about the document itself: how to authenticate,
/// that authenticated routes say they can answer 401, and that every request body comes with an example.</summary>
public sealed class OpenApiConventionsTests(ApiFixture<Sqlite> fx) : IClassFixture<ApiFixture<Sqlite>>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    [Fact]
    public async Task Document_DeclaresTheBearerScheme()
    {
        var document = await DocumentAsync();

        var scheme = document["components"]?["securitySchemes"]?["bearer"];
        Assert.NotNull(scheme);
        Assert.Equal("http", (string?)scheme["type"]);
        Assert.Equal("bearer", (string?)scheme["scheme"]);
    }

    [Fact]
    public async Task AdminRoutes_UseTheAdminSchemeAlone()
    {
        var document = await DocumentAsync();
        var admin = document["components"]?["securitySchemes"]?["adminKey"];
        Assert.Equal("bearer", (string?)admin?["scheme"]);
        var adminOperations = Operations(document).Where(o => o.Path.StartsWith("/v1/admin/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(adminOperations);
        Assert.All(adminOperations, o => Assert.Equal("[{\"adminKey\":[]}]", o.Operation["security"]!.ToJsonString()));
    }

    [Fact]
    public async Task AuthenticatedOperations_RequireBearer_AndList401()
    {
        var operations = Operations(await DocumentAsync());
        var offenders = new List<string>();
        foreach (var (name, path, operation) in operations)
        {
            // The contract's only anonymous routes (besides the document and Swagger UI, which are not operations).
            var anonymous = path.StartsWith("/health/", StringComparison.Ordinal) || path == "/v1/vocabularies" || path == "/problems/{code}";
            var bearer = operation["security"] is JsonArray requirements && requirements.Any(r => r?["bearer"] is not null || r?["adminKey"] is not null);
            var lists401 = operation["responses"]?["401"] is not null;
            if (anonymous && (bearer || lists401))
            {
                offenders.Add($"{name}: anonymous in the contract but documented as authenticated");
            }
            else if (!anonymous && !(bearer && lists401))
            {
                offenders.Add($"{name}:{(bearer ? string.Empty : " no bearer security requirement")}{(lists401 ? string.Empty : " no 401 response")}");
            }
        }

        Assert.Contains(operations, o => o.Path == "/v1/referrals");
        Assert.True(offenders.Count == 0, "Operations that do not document authentication as the contract says:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public async Task OperationsWithRequestBody_HaveAnExample()
    {
        var document = await DocumentAsync();
        var withBody = Operations(document).Where(o => o.Operation["requestBody"] is not null).ToList();
        var offenders = withBody
            .Where(o => !HasExample(document, o.Operation["requestBody"]!))
            .Select(o => o.Name)
            .ToList();

        Assert.NotEmpty(withBody);
        Assert.True(offenders.Count == 0, "Operations whose request body has no example:\n" + string.Join('\n', offenders));
    }

    private static bool HasExample(JsonNode document, JsonNode requestBody)
    {
        if (requestBody["content"] is not JsonObject content || content.Count == 0)
        {
            return false;
        }

        // Every media type must carry one, on itself or on the schema it uses.
        return content.All(media =>
            media.Value?["example"] is not null
            || media.Value?["examples"] is JsonObject { Count: > 0 }
            || Resolve(document, media.Value?["schema"])?["example"] is not null);
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        // Local references only ("#/components/schemas/Name"), which is all Swashbuckle writes.
        if (schema?["$ref"] is JsonValue reference && ((string?)reference)?.StartsWith("#/", StringComparison.Ordinal) == true)
        {
            return ((string)reference!)[2..].Split('/').Aggregate((JsonNode?)document, (node, part) => node?[part]);
        }

        return schema;
    }

    private static List<(string Name, string Path, JsonNode Operation)> Operations(JsonNode document) =>
    [
        .. (document["paths"] as JsonObject ?? [])
            .SelectMany(path => Methods
                .Where(method => path.Value?[method] is not null)
                .Select(method => ($"{method.ToUpperInvariant()} {path.Key}", path.Key, path.Value![method]!))),
    ];

    private async Task<JsonNode> DocumentAsync() => JsonNode.Parse(await OpenApiDocumentTests.FetchAsync(fx))!;
}
