using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Idempotency;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// Declares the headers each answer carries: <c>X-Correlation-Id</c> on all of them,
/// <c>WWW-Authenticate</c> on 401, <c>Retry-After</c> on 429, 503 and the 409 of a key still in use,
/// <c>Location</c> on 201, <c>ETag</c> where the referral's version is sent and
/// <c>Idempotent-Replayed</c> where a repeat can be answered. <c>Allow</c> comes only with 405,
/// which answers a method a path does not have and so belongs to no operation.
/// </summary>
internal sealed class ResponseHeadersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var idempotent = metadata.OfType<IdempotentRouteMetadata>().Any();
        var tagged = metadata.OfType<EntityTagRouteMetadata>().Any();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            var headers = concrete.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
            var success = status.StartsWith('2');
            headers[RequestPipeline.CorrelationHeader] = Header(Text(100), true, "The client's X-Correlation-Id when it sent a valid one (1–100 visible ASCII characters), otherwise one made for this request; it appears in the server's logs.");
            if (status == "401")
            {
                headers["WWW-Authenticate"] = Header(new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Bearer")!] }, true, "Bearer: send an API key as Authorization: Bearer <key>.");
            }

            if (status is "429" or "503" || (status == "409" && idempotent))
            {
                headers["Retry-After"] = Header(Seconds(), status == "429", "Seconds to wait before retrying.");
            }

            if (status == "201")
            {
                headers["Location"] = Header(new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 200 }, true, "The new resource's path.");
            }

            if (success && tagged)
            {
                headers["ETag"] = Header(new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[0-9]+\"$", MaxLength = 12 }, true, "The referral's version as a strong entity tag; send it back in If-Match.");
            }

            if (success && idempotent)
            {
                headers[IdempotencyKeys.ReplayedHeader] = Header(new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("true")!] }, false, "Present when this answer repeats the first answer to the same Idempotency-Key.");
            }
        }
    }

    private static OpenApiHeader Header(OpenApiSchema schema, bool required, string description) =>
        new() { Schema = schema, Required = required, Description = description };

    private static OpenApiSchema Text(int maxLength) => new() { Type = JsonSchemaType.String, MaxLength = maxLength };

    private static OpenApiSchema Seconds() => new() { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = "86400" };
}
