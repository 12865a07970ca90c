using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Which properties of a schema are always there and which may be null, read from the C# type.
/// Answers write every property (null included) except those ignored when null, so as a response
/// every other property is required; as a request only those marked <see cref="RequiredAttribute"/>
/// are (the validators refuse their absence). A nullable property that refers to another schema is
/// written as <c>oneOf: [ref, null]</c>, since a bare <c>$ref</c> cannot say null.
/// <see cref="RequestSchemasDocumentFilter"/> applies the request side.
/// </summary>
internal sealed class PropertyPresenceSchemaFilter : ISchemaFilter
{
    private static readonly ConditionalWeakTable<IOpenApiSchema, RequestShape> RequestShapes = new();
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>What a schema requires when it is sent rather than answered.</summary>
    public sealed record RequestShape(IReadOnlySet<string> Required);

    public static RequestShape? RequestShapeOf(IOpenApiSchema schema) =>
        RequestShapes.TryGetValue(schema, out var shape) ? shape : null;

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete || concrete.Properties is not { Count: > 0 } properties || context.Type.IsEnum)
        {
            return;
        }

        var always = new SortedSet<string>(StringComparer.Ordinal);
        var requestRequired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNameOf(property);
            if (!properties.TryGetValue(name, out var propertySchema))
            {
                continue;
            }

            if (property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition is not (JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault))
            {
                always.Add(name);
            }

            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                requestRequired.Add(name);
            }

            if (propertySchema is OpenApiSchemaReference && Nullability.Create(property).ReadState == NullabilityState.Nullable)
            {
                properties[name] = OrNull(propertySchema);
            }
        }

        concrete.Required = always;
        RequestShapes.AddOrUpdate(concrete, new RequestShape(requestRequired));
    }

    public static void Remember(IOpenApiSchema schema, RequestShape shape) => RequestShapes.AddOrUpdate(schema, shape);

    public static OpenApiSchema OrNull(IOpenApiSchema reference) =>
        new() { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] };

    private static string JsonNameOf(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
}
