using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Adds what every route shares: the bearer requirement, 401 and 429 (rate limits) on
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
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] }];
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
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "figure,key,value,suppressed: one line per figure of the JSON answer." },
                Example = JsonValue.Create("figure,key,value,suppressed\r\ntotal,,37,false\r\nstatus,sent,7,false\r\nstatus,declined,,true\r\n"),
            };
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (response.Content?.TryGetValue("application/problem+json", out var media) == true && media is OpenApiMediaType concrete)
            {
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
                ["application/problem+json"] = new() { Schema = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository) },
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

/// <summary>What each error status means here, with an example body.</summary>
internal static class ProblemExamples
{
    public static string Describe(int status) => status switch
    {
        400 => "Invalid input; errors names each offending field by JSON path.",
        401 => "Missing, unknown, revoked or expired API key (WWW-Authenticate: Bearer).",
        403 => "The key's role does not allow this, or the wrong party attempted a move.",
        404 => "No such resource, or it is not shared with the caller.",
        409 => "Conflict with the current state (invalid transition, duplicate, key in use).",
        412 => "If-Match named an older version; nothing was written.",
        413 => "Body larger than 256 KiB.",
        415 => "Body is not application/json.",
        422 => "Well-formed but refused by a rule (recipient unavailable, self-referral, mediation with sexual violence, key reused).",
        429 => "This key sent too many requests, or this address presented too many wrong keys; retry after Retry-After.",
        503 => "The database (or the access log) is briefly unavailable; retry after Retry-After.",
        _ => "Unexpected error; the body carries a traceId and nothing else.",
    };

    public static JsonNode For(int status)
    {
        var (code, title) = status switch
        {
            400 => ("validation-failed", "The request is not valid."),
            401 => ("unauthorized", "A valid API key is required."),
            403 => ("forbidden", "Your key's role does not allow this."),
            404 => ("not-found", "Not found."),
            409 => ("invalid-transition", "The referral cannot move to that status from its current status."),
            412 => ("precondition-failed", "The referral changed since you read it (If-Match)."),
            413 => ("payload-too-large", "The request body is larger than 256 KiB."),
            415 => ("unsupported-media-type", "Send the body as application/json."),
            422 => ("recipient-unavailable", "The receiving agency is unknown, inactive or does not accept referrals."),
            429 => ("rate-limited", "Too many requests; retry after the given time."),
            503 => ("service-unavailable", "The service is briefly unavailable; retry later."),
            _ => ("internal-error", "An unexpected error occurred."),
        };
        var example = new JsonObject
        {
            ["type"] = "/problems/" + code,
            ["title"] = title,
            ["status"] = status,
            ["code"] = code,
            ["traceId"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        };
        if (status == 400)
        {
            example["errors"] = new JsonObject { ["$.subject.nationalId"] = new JsonArray("Must be exactly 16 digits (NIK).") };
        }

        if (status == 409)
        {
            example["currentStatus"] = "declined";
            example["allowedTransitions"] = new JsonArray();
        }

        return example;
    }
}
