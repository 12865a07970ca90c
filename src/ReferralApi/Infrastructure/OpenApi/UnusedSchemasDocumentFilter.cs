using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Drops component schemas nothing refers to any more (the framework's <c>ProblemDetails</c>, replaced
/// by <c>Problem</c>; the answer forms of types only ever sent), so a generated client has no dead types.
/// </summary>
internal sealed class UnusedSchemasDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        if (document.Components?.Schemas is not { } schemas)
        {
            return;
        }

        var roots = (document.Paths ?? []).Values
            .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            .SelectMany(Schemas)
            .Concat((document.Webhooks ?? new Dictionary<string, IOpenApiPathItem>()).Values
                .SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                .SelectMany(Schemas));
        var used = SchemaGraph.Reachable(schemas, roots);
        foreach (var name in schemas.Keys.Where(name => !used.Contains(name)).ToList())
        {
            schemas.Remove(name);
        }
    }

    private static IEnumerable<IOpenApiSchema> Schemas(OpenApiOperation operation) =>
        (operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            .Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => r.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>()))
            .Select(m => m.Schema)
            .Concat((operation.Parameters ?? []).Select(p => p.Schema))
            .Concat((operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).SelectMany(r => (r.Headers?.Values ?? Enumerable.Empty<IOpenApiHeader>()).Select(h => h.Schema)))
            .OfType<IOpenApiSchema>();
}
