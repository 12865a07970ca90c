using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using ReferralApi.Domain;
using ReferralApi.Features.Events;
using ReferralApi.Features.Webhooks;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>
/// The deliveries a receiver gets, in the document's <c>webhooks</c> section (OpenAPI 3.1): one
/// entry per event type, each a POST whose body is the event exactly as <c>GET /v1/events</c>
/// shows it, with the Standard Webhooks headers and our <c>User-Agent</c>; plus the ping.
/// It also pins the event envelope's <c>type</c> and <c>data.status</c> to their codes.
/// </summary>
internal sealed class WebhooksDocumentFilter : IDocumentFilter
{
    /// <summary>The named schema of the event type codes, shared by events, subscriptions and the feed's filter.</summary>
    public const string EventTypeSchema = "EventType";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        if (!context.SchemaRepository.Schemas.ContainsKey(EventTypeSchema))
        {
            context.SchemaRepository.AddDefinition(EventTypeSchema, Codes(EventTypes.All.Order(StringComparer.Ordinal), "What happened to a referral; GET /v1/vocabularies does not list these, they are the contract's fixed set."));
        }

        var eventSchema = context.SchemaGenerator.GenerateSchema(typeof(EventResponse), context.SchemaRepository);
        var pingSchema = context.SchemaGenerator.GenerateSchema(typeof(PingEvent), context.SchemaRepository);
        var status = context.SchemaGenerator.GenerateSchema(typeof(ReferralStatus), context.SchemaRepository);
        var schemas = context.SchemaRepository.Schemas;
        if (schemas.TryGetValue(nameof(EventResponse), out var envelope) && envelope.Properties is { } envelopeProperties)
        {
            envelopeProperties["type"] = new OpenApiSchemaReference(EventTypeSchema, document);
        }

        if (schemas.TryGetValue(nameof(EventData), out var data) && data.Properties is { } dataProperties)
        {
            dataProperties["status"] = new OpenApiSchema { AllOf = [status], Description = "The referral's status after the event." };
        }

        if (schemas.TryGetValue(nameof(PingEvent), out var ping) && ping.Properties is { } pingProperties)
        {
            pingProperties["type"] = Codes([WebhookStatus.PingType], "Always webhook.ping.");
        }

        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>(StringComparer.Ordinal);
        foreach (var type in EventTypes.All.Order(StringComparer.Ordinal))
        {
            document.Webhooks[type] = Delivery(type, $"A {type} event for a referral the receiving agency is a party to: ids and codes only, never personal data.", eventSchema);
        }

        document.Webhooks[WebhookStatus.PingType] = Delivery(WebhookStatus.PingType, "The test delivery of POST /v1/webhooks/{id}/ping.", pingSchema);
    }

    private static OpenApiPathItem Delivery(string type, string summary, IOpenApiSchema body) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Post] = new()
            {
                OperationId = "Deliver_" + type.Replace('.', '_'),
                Summary = summary,
                Description = "Signed per Standard Webhooks: verify webhook-signature over \"{webhook-id}.{webhook-timestamp}.{body}\" with the "
                    + "subscription's secret (during a rotation, either secret). webhook-id stays the same on every retry, so a receiver can drop repeats.",
                Parameters =
                [
                    HeaderParameter("webhook-id", "The event's id (the ping's own id for a ping); the same on every retry.", new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", MaxLength = 36 }),
                    HeaderParameter("webhook-timestamp", "Unix seconds when this attempt was signed.", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0", Maximum = long.MaxValue.ToString(CultureInfo.InvariantCulture) }),
                    HeaderParameter("webhook-signature", "Space-separated v1,<base64 HMAC-SHA256> signatures, one per active secret.", new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 400 }),
                    HeaderParameter("User-Agent", "ReferralApi-Webhooks/<version>.", new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^ReferralApi-Webhooks/[0-9A-Za-z.\\-]+$", MaxLength = 100 }),
                ],
                RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
                },
                Responses = new OpenApiResponses
                {
                    ["2XX"] = new OpenApiResponse { Description = "Received. Any 2xx counts as delivered; the body is ignored." },
                    ["410"] = new OpenApiResponse { Description = "Gone: the subscription is disabled and no further deliveries are made." },
                    ["default"] = new OpenApiResponse { Description = "Anything else, a timeout or a refused connection: retried on the Standard Webhooks schedule (about 3 days), honouring Retry-After." },
                },
            },
        },
    };

    private static OpenApiParameter HeaderParameter(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Header, Required = true, Description = description, Schema = schema };

    private static OpenApiSchema Codes(IEnumerable<string> codes, string description) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = [.. codes.Select(c => (JsonNode)JsonValue.Create(c)!)],
    };
}
