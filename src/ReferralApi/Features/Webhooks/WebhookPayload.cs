using System.Text.Json;
using Microsoft.Extensions.Options;
using ReferralApi.Features.Events;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The body of a delivery: the event exactly as <c>GET /v1/events</c> shows it, serialized with the
/// API's own JSON settings; a ping has the same envelope with the webhook's id as its data.
/// </summary>
internal sealed class WebhookPayload(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public string Serialize(ClaimedDelivery delivery)
    {
        object body = delivery.EventType == WebhookStatus.PingType || delivery.ReferralId is null
            ? new PingEvent(delivery.EventId, delivery.EventType, delivery.CreatedAt, new PingData(delivery.SubscriptionId))
            : new EventResponse(
                delivery.EventId,
                delivery.EventType,
                delivery.OccurredAt!.Value,
                new EventData(delivery.ReferralId.Value, delivery.CaseId!.Value, delivery.ReferralStatus!, delivery.Version!.Value, delivery.ActorAgencyId!.Value,
                    EventAttachment.Of(delivery.AttachmentId, delivery.AttachmentKind)));
        return JsonSerializer.Serialize(body, body.GetType(), json.Value.SerializerOptions);
    }
}

/// <summary>The test delivery of <c>POST /v1/webhooks/{id}/ping</c>.</summary>
public sealed record PingEvent(Guid Id, string Type, DateTimeOffset OccurredAt, PingData Data);

/// <summary>Which webhook was pinged.</summary>
public sealed record PingData(Guid WebhookId);
