using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Features.Referrals;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// What the framework cannot read from the bulk routes' types: the batch body's item limit and
/// example in both media types, each result's problem as the one <c>Problem</c> schema, and the
/// export's streamed media types (NDJSON and CSV, text to a schema validator) with its resume header.
/// </summary>
internal sealed class BulkExchangeDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        DescribeBatch(document);
        DescribeExport(document);
    }

    private static void DescribeExport(OpenApiDocument document)
    {
        if (document.Paths?.TryGetValue("/v1/referrals/export", out var exportPath) != true
            || exportPath!.Operations?.TryGetValue(HttpMethod.Get, out var export) != true
            || export!.Responses?.TryGetValue("200", out var ok) != true || ok is not OpenApiResponse response)
        {
            return;
        }

        response.Description = "The referrals, streamed; where to resume is in Export-Next-Updated-After (and, in NDJSON, the trailer line).";
        response.Content = new Dictionary<string, OpenApiMediaType>
        {
            [ExportReferrals.NdjsonMediaType] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = int.MaxValue,
                    Description = "As long as the box (the bound is the schema's, not the export's). One ReferralResponse (the shape of GET /v1/referrals/{id}) per line, LF-terminated, then one trailer line "
                        + "{\"nextUpdatedAfter\": \"<RFC 3339>\", \"count\": N} (the only line without id). A body without the trailer was cut short.",
                },
                Example = JsonValue.Create("{\"id\":\"0193a5e0-7b1c-7d2e-9f00-0000000000a1\",\"status\":\"sent\",...}\n{\"nextUpdatedAfter\":\"2026-11-30T16:59:00Z\",\"count\":1}\n"),
            },
            [ExportReferrals.CsvMediaType] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    MaxLength = int.MaxValue,
                    Description = "As long as the box (the bound is the schema's, not the export's). RFC 4180, UTF-8 without BOM, CRLF, a header row: " + string.Join(',', ReferralCsvColumns.Codes.Select(c => c.Name))
                        + ". Lists joined with ';', instants RFC 3339 UTC, absent or withheld values empty. With Accept-Language: id, then: "
                        + string.Join(',', ReferralCsvColumns.IndonesianLabels.Select(c => c.Name)) + ".",
                },
                Example = JsonValue.Create(string.Join(',', ReferralCsvColumns.Codes.Select(c => c.Name)) + "\r\n"),
            },
        };
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
        response.Headers[ExportReferrals.ResumeHeader] = new OpenApiHeader
        {
            Required = true,
            Description = "Sent before the body: the instant (RFC 3339, UTC) to pass as updatedAfter in the next export.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", MaxLength = 35 },
        };
    }

    private static void DescribeBatch(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || document.Paths?.TryGetValue("/v1/referrals/batch", out var batchPath) != true
            || batchPath!.Operations?.TryGetValue(HttpMethod.Post, out var batch) != true)
        {
            return;
        }

        var example = schemas!.TryGetValue(nameof(CreateReferralRequest), out var create) ? create.Example : null;
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
