using System.Diagnostics.Metrics;

namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>
/// The domain counters, on one meter. Attributes are code-list values and agency codes only, never
/// an id of a referral or anything about a person, so no label can identify a case.
/// </summary>
internal sealed class ReferralMetrics
{
    public const string MeterName = "ReferralApi";
    public const string Prefix = "referralapi.";

    private readonly Counter<long> created;
    private readonly Counter<long> transitions;
    private readonly Counter<long> deliveries;
    private readonly Counter<long> replays;
    private readonly Counter<long> rateLimited;
    private readonly Counter<long> failedAuthentications;

    public ReferralMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        created = Meter.CreateCounter<long>(Prefix + "referrals.created", "{referral}", "Referrals sent, by urgency.");
        transitions = Meter.CreateCounter<long>(Prefix + "referrals.transitions", "{transition}", "Status changes made through the API, by target status and urgency.");
        deliveries = Meter.CreateCounter<long>(Prefix + "webhook.deliveries", "{attempt}", "Webhook delivery attempts, by outcome.");
        replays = Meter.CreateCounter<long>(Prefix + "idempotency.replays", "{request}", "Requests answered from an earlier request with the same Idempotency-Key.");
        rateLimited = Meter.CreateCounter<long>(Prefix + "rate_limit.rejections", "{request}", "Requests refused with 429, by limit.");
        failedAuthentications = Meter.CreateCounter<long>(Prefix + "authentication.failures", "{request}", "Requests with a bearer key that matched no active key.");
    }

    /// <summary>The meter, for the gauges that read the database snapshot.</summary>
    public Meter Meter { get; }

    public void ReferralCreated(string urgency) =>
        created.Add(1, new KeyValuePair<string, object?>("referral.urgency", urgency));

    public void ReferralMoved(string status, string urgency) =>
        transitions.Add(1, new KeyValuePair<string, object?>("referral.status", status), new KeyValuePair<string, object?>("referral.urgency", urgency));

    public void DeliveryAttempted(string outcome) =>
        deliveries.Add(1, new KeyValuePair<string, object?>("webhook.delivery.outcome", outcome));

    public void IdempotentReplay() => replays.Add(1);

    public void RateLimited(string limit) =>
        rateLimited.Add(1, new KeyValuePair<string, object?>("rate_limit.limit", limit));

    public void AuthenticationFailed() => failedAuthentications.Add(1);
}
