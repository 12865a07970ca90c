using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Domain;
using ReferralApi.Features.Events;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Validation;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Handlers take query values as strings and judge them themselves, so each can answer a 400 that
/// names the parameter; this filter writes down what they accept: limits as bounded integers,
/// instants as date-time, codes as enums, comma-separated code lists as arrays (form, not exploded).
/// </summary>
internal sealed class QueryParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = "/" + (context.ApiDescription.RelativePath ?? string.Empty);
        var feed = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<FeedLimitMetadata>().Any();
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter is { In: ParameterLocation.Path, Name: "code" } && path.StartsWith(ProblemTypes.PathPrefix, StringComparison.Ordinal))
            {
                parameter.Schema = Codes([.. ProblemCatalog.Entries.Keys.Order(StringComparer.Ordinal)]);
                continue;
            }

            if (parameter is { In: ParameterLocation.Path, Schema: OpenApiSchema { Format: "uuid" } id })
            {
                id.MaxLength = 36;
            }

            if (parameter.In != ParameterLocation.Query)
            {
                continue;
            }

            var (schema, list) = parameter.Name == "types"
                ? (new OpenApiSchema { Type = JsonSchemaType.Array, UniqueItems = true, MaxItems = EventTypes.All.Count, Items = new OpenApiSchemaReference(WebhooksDocumentFilter.EventTypeSchema, context.Document) }, true)
                : SchemaFor(parameter.Name ?? string.Empty, path, feed);
            if (schema is null)
            {
                continue;
            }

            parameter.Schema = schema;
            parameter.Description ??= Describe(parameter.Name ?? string.Empty);
            if (list)
            {
                parameter.Style = ParameterStyle.Form;
                parameter.Explode = false;
            }
        }
    }

    private static (OpenApiSchema? Schema, bool List) SchemaFor(string name, string path, bool feed) => name switch
    {
        "limit" => (Limit(feed ? EventEndpoints.DefaultLimit : PageRequest.DefaultLimit, feed ? EventEndpoints.MaxLimit : PageRequest.MaxLimit), false),
        "cursor" or "after" => (Text(Cursor.MaxLength), false),
        "updatedAfter" or "updatedBefore" => (Instant(), false),
        "from" or "to" when path.StartsWith("/v1/reports", StringComparison.Ordinal) => (DateOrInstant(), false),
        "from" or "to" => (Instant(), false),
        "agencyId" or "referralId" => (new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36 }, false),
        "regionCode" => (Text(RegionCodes.MaxLength), false),
        "q" => (Text(200), false),
        "kind" => (Codes(Domain.Codes.All<AttachmentKind>()), false),
        "fileName" => (Text(Features.Attachments.UploadAttachment.FileNameMax), false),
        "box" => (Codes("inbox", "outbox"), false),
        "overdue" => (Codes("true", "false"), false),
        "groupBy" => (Codes("month"), false),
        "year" => (Bounded(2000, 2100), false),
        "month" => (Bounded(1, 12), false),
        "urgency" => (Codes(Domain.Codes.All<Urgency>()), false),
        "sector" => (Codes(Domain.Codes.All<Sector>()), false),
        "service" => (Codes(Domain.Codes.All<Service>()), false),
        "status" when path.StartsWith("/v1/admin/webhooks", StringComparison.Ordinal) => (Codes(WebhookAdminEndpoints.Statuses), false),
        "status" => (ListOf(Domain.Codes.All<ReferralStatus>()), true),
        "capacityStatus" => (ListOf(Domain.Codes.All<CapacityStatus>()), true),
        _ => (null, false),
    };

    private static string? Describe(string name) => name switch
    {
        "cursor" => "The nextCursor of the previous page, untouched; absent for the first page.",
        "after" => "An older name of cursor, still accepted; give cursor or after, not both.",
        "limit" => "How many items at most on this page.",
        "kind" => "What the document is: a code of the attachmentKinds vocabulary.",
        "fileName" => "The file's name as the parties will see it (required unless a multipart part names it); no path, no control characters.",
        _ => null,
    };

    private static OpenApiSchema Limit(int byDefault, int max) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = "1",
        Maximum = max.ToString(CultureInfo.InvariantCulture),
        Default = JsonValue.Create(byDefault),
    };

    private static OpenApiSchema Bounded(int min, int max) => new()
    {
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = min.ToString(CultureInfo.InvariantCulture),
        Maximum = max.ToString(CultureInfo.InvariantCulture),
    };

    private static OpenApiSchema Text(int maxLength) => new() { Type = JsonSchemaType.String, MaxLength = maxLength };

    private static OpenApiSchema Instant() => new() { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 35 };

    private static OpenApiSchema DateOrInstant() => new()
    {
        AnyOf =
        [
            new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", MaxLength = 10 },
            Instant(),
        ],
    };

    private static OpenApiSchema Codes(params IReadOnlyList<string> codes) => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. codes.Select(c => (JsonNode)JsonValue.Create(c)!)],
    };

    private static OpenApiSchema ListOf(IReadOnlyList<string> codes) => new()
    {
        Type = JsonSchemaType.Array,
        UniqueItems = true,
        MaxItems = codes.Count,
        Items = Codes(codes),
    };
}
