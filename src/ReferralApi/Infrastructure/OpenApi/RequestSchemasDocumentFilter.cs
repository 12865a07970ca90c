using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// A type sent in requests and also answered (a referral's <c>subject</c>, an agency's
/// <c>contact</c>, ...) needs two schemas: answered, every property is present; sent, only the
/// required ones must be. Such schemas get a request twin named <c>&lt;Name&gt;Input</c>, and
/// every schema reached from a request body requires exactly its request-required properties,
/// which are then not nullable either (the validators refuse null for them).
/// </summary>
internal sealed class RequestSchemasDocumentFilter : IDocumentFilter
{
    public const string InputSuffix = "Input";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null)
        {
            return;
        }

        var operations = (document.Paths ?? []).Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()).ToList();
        var sent = SchemaGraph.Reachable(schemas, operations.SelectMany(RequestSchemas));
        var answered = SchemaGraph.Reachable(schemas, operations.SelectMany(ResponseSchemas));
        var twins = sent.Where(answered.Contains).Where(name => schemas[name] is OpenApiSchema { Properties.Count: > 0 })
            .ToDictionary(name => name, name => name + InputSuffix, StringComparer.Ordinal);

        foreach (var (name, twin) in twins)
        {
            var original = (OpenApiSchema)schemas[name];
            var copy = (OpenApiSchema)original.CreateShallowCopy();
            copy.Properties = new Dictionary<string, IOpenApiSchema>(original.Properties!, StringComparer.Ordinal);
            schemas[twin] = copy;
            CopyShape(original, copy);
        }

        foreach (var name in sent.Select(n => twins.GetValueOrDefault(n, n)).Distinct(StringComparer.Ordinal))
        {
            if (schemas[name] is OpenApiSchema schema)
            {
                ApplyRequestShape(document, schema, twins);
            }
        }

        foreach (var operation in operations)
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            {
                if (media.Schema is OpenApiSchemaReference reference && twins.TryGetValue(reference.Reference.Id ?? string.Empty, out var twin))
                {
                    media.Schema = new OpenApiSchemaReference(twin, document);
                }
            }
        }
    }

    private static void CopyShape(OpenApiSchema original, OpenApiSchema copy)
    {
        if (PropertyPresenceSchemaFilter.RequestShapeOf(original) is { } shape)
        {
            PropertyPresenceSchemaFilter.Remember(copy, shape);
        }
    }

    private static void ApplyRequestShape(OpenApiDocument document, OpenApiSchema schema, Dictionary<string, string> twins)
    {
        var required = PropertyPresenceSchemaFilter.RequestShapeOf(schema)?.Required ?? new HashSet<string>();
        schema.Required = new SortedSet<string>(required.Where(r => schema.Properties?.ContainsKey(r) == true), StringComparer.Ordinal);
        foreach (var (property, value) in schema.Properties?.ToList() ?? [])
        {
            var retargeted = SchemaGraph.Retarget(document, value, twins);
            schema.Properties![property] = required.Contains(property) ? SchemaGraph.WithoutNull(retargeted) : retargeted;
        }
    }

    private static IEnumerable<IOpenApiSchema> RequestSchemas(OpenApiOperation operation) =>
        (operation.RequestBody?.Content?.Values ?? []).Select(m => m.Schema).OfType<IOpenApiSchema>();

    private static IEnumerable<IOpenApiSchema> ResponseSchemas(OpenApiOperation operation) =>
        (operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? []).Select(m => m.Schema).OfType<IOpenApiSchema>();
}
