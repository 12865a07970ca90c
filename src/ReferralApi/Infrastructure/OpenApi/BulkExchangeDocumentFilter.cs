using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Features.Referrals;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// What the framework cannot read from the bulk routes' types: the batch body's item limit and
/// example in both media types, and each result's problem as the one <c>Problem</c> schema.
/// </summary>
internal sealed class BulkExchangeDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || document.Paths?.TryGetValue("/v1/referrals/batch", out var batchPath) != true
            || batchPath!.Operations?.TryGetValue(HttpMethod.Post, out var batch) != true)
        {
            return;
        }

        var example = schemas.TryGetValue(nameof(CreateReferralRequest), out var create) ? create.Example : null;
        if (batch!.RequestBody?.Content is { } content)
        {
            if (content.TryGetValue("application/json", out var array) && array.Schema is OpenApiSchema list)
            {
                (list.MaxItems, list.MinItems) = (ImportReferrals.MaxItems, 1);
                array.Example = new JsonArray(example?.DeepClone());
            }

            // NDJSON is text to a JSON Schema validator: one CreateReferralRequest per line.
            content[ReferralBatchReader.NdjsonMediaType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = (int)ImportReferrals.MaxBodyBytes,
                    Description = "One CreateReferralRequest per line (UTF-8, LF or CRLF); blank lines are skipped; 1 to 500 items.",
                },
                Example = JsonValue.Create((example?.ToJsonString() ?? "{}") + "\n"),
            };
        }

        if (schemas.TryGetValue(nameof(ReferralBatchResponse), out var response) && response.Properties?["results"] is OpenApiSchema results)
        {
            results.MaxItems = ImportReferrals.MaxItems;
        }

        if (schemas.TryGetValue(nameof(ReferralBatchResult), out var result) && result.Properties is { } properties)
        {
            properties["problem"] = new OpenApiSchemaReference(ProblemSchema.Name, document);
            Bound(properties["index"], 0, ImportReferrals.MaxItems - 1, "The item's position in the batch, from 0 (NDJSON: counting non-blank lines).");
            Bound(properties["status"], 201, 499, "201 (created, or replayed), or the item's 4xx, as a single create would answer it.");
        }
    }

    private static void Bound(IOpenApiSchema schema, int minimum, int maximum, string description)
    {
        if (schema is OpenApiSchema concrete)
        {
            (concrete.Minimum, concrete.Maximum, concrete.Description) = (minimum.ToString(System.Globalization.CultureInfo.InvariantCulture), maximum.ToString(System.Globalization.CultureInfo.InvariantCulture), description);
        }
    }
}
