using Microsoft.OpenApi;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>Walks and rewrites the component schemas of a document by their references.</summary>
internal static class SchemaGraph
{
    /// <summary>The names of every component schema reachable from <paramref name="roots"/>.</summary>
    public static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots);
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            foreach (var child in Children(schema))
            {
                pending.Push(child);
            }
        }

        return seen;
    }

    /// <summary>The schema with references to renamed components pointed at their new names.</summary>
    public static IOpenApiSchema Retarget(OpenApiDocument document, IOpenApiSchema schema, IReadOnlyDictionary<string, string> renames)
    {
        switch (schema)
        {
            case OpenApiSchemaReference reference when renames.TryGetValue(reference.Reference.Id ?? string.Empty, out var renamed):
                return new OpenApiSchemaReference(renamed, document);
            case OpenApiSchema { Items: { } items } array:
                var arrayCopy = (OpenApiSchema)array.CreateShallowCopy();
                arrayCopy.Items = Retarget(document, items, renames);
                return arrayCopy;
            case OpenApiSchema { OneOf.Count: > 0 } choice:
                var choiceCopy = (OpenApiSchema)choice.CreateShallowCopy();
                choiceCopy.OneOf = [.. choice.OneOf.Select(s => Retarget(document, s, renames))];
                return choiceCopy;
            default:
                return schema;
        }
    }

    /// <summary>The schema without its null alternative: <c>oneOf: [ref, null]</c> becomes the ref, <c>type: [string, null]</c> a string.</summary>
    public static IOpenApiSchema WithoutNull(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { OneOf: [var only, OpenApiSchema { Type: JsonSchemaType.Null }] })
        {
            return only;
        }

        if (schema is OpenApiSchema { Type: { } type } concrete && type.HasFlag(JsonSchemaType.Null) && type != JsonSchemaType.Null)
        {
            var copy = (OpenApiSchema)concrete.CreateShallowCopy();
            copy.Type = type & ~JsonSchemaType.Null;
            return copy;
        }

        return schema;
    }

    private static IEnumerable<IOpenApiSchema> Children(IOpenApiSchema schema) =>
        (schema.Properties?.Values ?? Enumerable.Empty<IOpenApiSchema>())
            .Concat(schema.Items is null ? [] : [schema.Items])
            .Concat(schema.AdditionalProperties is null ? [] : [schema.AdditionalProperties])
            .Concat(schema.OneOf ?? [])
            .Concat(schema.AnyOf ?? [])
            .Concat(schema.AllOf ?? []);
}
