namespace ReferralApi.Features.Webhooks;

/// <summary>The codes of subscription and delivery states, as stored and as answered.</summary>
internal static class WebhookStatus
{
    public const string Active = "active";
    public const string Failing = "failing";
    public const string Disabled = "disabled";

    public const string ReasonDeliveriesFailing = "deliveries_failing";
    public const string ReasonReceiverGone = "receiver_gone";
    public const string ReasonDisabledByAgency = "disabled_by_agency";

    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";

    /// <summary>The type of the test delivery <c>POST /v1/webhooks/{id}/ping</c> sends.</summary>
    public const string PingType = "webhook.ping";
}
