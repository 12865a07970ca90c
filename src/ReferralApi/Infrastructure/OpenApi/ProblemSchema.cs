using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Domain;
using ReferralApi.Infrastructure.Errors;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// The one <c>Problem</c> schema every error answer refers to: RFC 9457's members plus ours.
/// <c>code</c> lists every code of <see cref="ProblemCatalog"/>; the other extensions appear only
/// with the problems that carry them, as their descriptions say.
/// </summary>
internal static class ProblemSchema
{
    public const string Name = "Problem";

    /// <summary>A reference to the schema, adding it to the document the first time.</summary>
    public static OpenApiSchemaReference Reference(OperationFilterContext context)
    {
        if (!context.SchemaRepository.Schemas.ContainsKey(Name))
        {
            context.SchemaRepository.AddDefinition(Name, Build(context));
        }

        return new OpenApiSchemaReference(Name, context.Document);
    }

    private static OpenApiSchema Build(OperationFilterContext context)
    {
        var status = context.SchemaGenerator.GenerateSchema(typeof(ReferralStatus), context.SchemaRepository);
        var service = context.SchemaGenerator.GenerateSchema(typeof(Service), context.SchemaRepository);
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "application/problem+json (RFC 9457). `type` is the absolute URI of the problem's page, "
                + "`GET /problems/{code}`, on the API's own origin (or Problems:PublicBaseUrl when configured).",
            Required = new SortedSet<string>(StringComparer.Ordinal) { "type", "title", "status", "code", "traceId" },
            Properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal)
            {
                ["type"] = Text(300, "Absolute URI of the problem's page: <origin>/problems/<code>.", "uri"),
                ["title"] = Text(200, "The problem's title in the caller's language (Accept-Language: id for Indonesian)."),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "400", Maximum = "599" },
                ["detail"] = Text(2000, "This occurrence explained, in the caller's language; absent when the title says it all."),
                ["code"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The short code, the last segment of type.",
                    Enum = [.. ProblemCatalog.Entries.Keys.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)!)],
                },
                ["traceId"] = Text(100, "Quote it to the operators; it finds the request in their logs."),
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "validation-failed only: messages keyed by the offending field's JSON path ($.subject.nationalId), query parameter or header name.",
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, MaxItems = ValidationErrors.MaxMessagesPerField, Items = Text(500, null) },
                },
                ["currentStatus"] = Described(status, "invalid-transition only: the referral's status now."),
                ["allowedTransitions"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, UniqueItems = true, MaxItems = Enum.GetValues<ReferralStatus>().Length, Items = status,
                    Description = "invalid-transition only: the statuses the referral may move to now.",
                },
                ["currentVersion"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Description = "precondition-failed only: the referral's version now (its ETag).",
                },
                ["offeredServices"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array, UniqueItems = true, MaxItems = Enum.GetValues<Service>().Length, Items = service,
                    Description = "service-not-offered only: what the receiving agency does offer.",
                },
                ["field"] = Text(100, "webhook-url-not-allowed only: the refused field ($.url)."),
                ["reason"] = Text(100, "webhook-url-not-allowed only: why the URL was refused."),
            },
        };
    }

    private static OpenApiSchema Text(int maxLength, string? description, string? format = null) =>
        new() { Type = JsonSchemaType.String, MaxLength = maxLength, Description = description, Format = format };

    private static OpenApiSchema Described(IOpenApiSchema reference, string description) =>
        new() { AllOf = [reference], Description = description };
}
