using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;
using ReferralApi.Infrastructure.Security.Tokens;

namespace ReferralApi.Features.Webhooks;

internal static class WebhookEndpoints
{
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Policies.Agency)
            .WithMetadata(new RequiredScope(Scopes.Admin));
        group.MapPost("/", WebhookHandlers.Create).WithName("CreateWebhook")
            .WithSummary("Subscribe a public https URL to the caller's events; the signing secret is shown once. At most Webhooks:MaxSubscriptionsPerAgency (10) per agency: beyond, 422 limit-reached.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(400, 403, 413, 415, 422);
        group.MapGet("/", WebhookHandlers.List).WithName("ListWebhooks")
            .WithSummary("The caller's webhooks, oldest first.")
            .ProducesProblems(400, 403);
        group.MapGet("/{id:guid}", WebhookHandlers.Get).WithName("GetWebhook")
            .WithSummary("One of the caller's webhooks, with its status (active, failing, disabled).")
            .ProducesProblems(403, 404);
        group.MapPatch("/{id:guid}", WebhookHandlers.Update).WithName("UpdateWebhook")
            .WithSummary("Change the URL, event types or description, or pause and resume (active); absent fields stay as they are.")
            .ProducesProblems(400, 403, 404, 413, 415, 422);
        group.MapDelete("/{id:guid}", WebhookHandlers.Delete).WithName("DeleteWebhook")
            .WithSummary("Remove the webhook and its delivery log.")
            .ProducesProblems(403, 404);
        group.MapPost("/{id:guid}/rotate-secret", WebhookActions.RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("Issue a new secret, shown once; the previous one keeps signing during the overlap period.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(403, 404);
        group.MapPost("/{id:guid}/ping", WebhookActions.Ping).WithName("PingWebhook")
            .WithSummary("Queue a signed webhook.ping delivery; at most Webhooks:PingsPerMinute (5) a minute per agency, then 429.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(403, 404, 429);
        group.MapGet("/{id:guid}/deliveries", WebhookActions.ListDeliveries).WithName("ListWebhookDeliveries")
            .WithSummary("The webhook's deliveries, newest first: status, attempts, last answer and next attempt; never bodies.")
            .ProducesProblems(400, 403, 404);
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redeliver", WebhookActions.Redeliver).WithName("RedeliverWebhookDelivery")
            .WithSummary("Send a delivery again, with the same webhook-id, from the start of the retry schedule.")
            .AcceptsIdempotencyKey()
            .ProducesProblems(403, 404);
        app.MapWebhookAdmin();
        return app;
    }
}
