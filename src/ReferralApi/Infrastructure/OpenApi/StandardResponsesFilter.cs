using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Adds what every route shares: the security requirement, 401 and 429 (rate limits) on
/// authenticated routes, 503 when the database is briefly away, 500, the idempotency and If-Match headers where honoured,
/// and a problem+json example on each error answer.
/// </summary>
internal sealed class StandardResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        operation.Responses ??= [];
        if (!anonymous)
        {
            operation.Security = SecuritySchemes.RequirementsFor(metadata, context.Document);
            AddProblem(operation, context, 401);
            AddProblem(operation, context, 429);
            AddProblem(operation, context, 503);
        }

        AddProblem(operation, context, 500);
        if (metadata.OfType<IdempotentRouteMetadata>().Any())
        {
            AddHeader(operation, "Idempotency-Key", "Makes a retry safe: the same key and body within 24 hours return the first answer again with Idempotent-Replayed: true.", 255);
        }

        if (metadata.OfType<ConditionalRouteMetadata>().Any())
        {
            AddHeader(operation, "If-Match", "The referral's ETag (\"<version>\") as last read; a stale one answers 412 and changes nothing.", 64);
        }

        if (metadata.OfType<CsvRouteMetadata>().Any() && operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse okResponse)
        {
            okResponse.Content ??= new Dictionary<string, OpenApiMediaType>();
            okResponse.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1_048_576, Description = "figure,key,value,suppressed: one line per figure of the JSON answer." },
                Example = JsonValue.Create("figure,key,value,suppressed\r\ntotal,,37,false\r\nstatus,sent,7,false\r\nstatus,declined,,true\r\n"),
            };
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response.Content?.TryGetValue("text/html", out var page) == true && page.Schema is OpenApiSchema html)
            {
                // The problem pages: a title and a paragraph.
                html.MaxLength = 4000;
            }

            if (response.Content?.TryGetValue("application/problem+json", out var media) == true && media is OpenApiMediaType concrete)
            {
                concrete.Schema = ProblemSchema.Reference(context);
                concrete.Example = ProblemExamples.For(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static void AddProblem(OpenApiOperation operation, OperationFilterContext context, int status)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = ProblemExamples.Describe(status),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = ProblemSchema.Reference(context) },
            },
        };
    }

    private static void AddHeader(OpenApiOperation operation, string name, string description, int maxLength)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = false,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = maxLength },
        });
    }
}
