using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>Fast retries, but a longest wait of 10 s, so a receiver's Retry-After of a few seconds is honoured rather than capped.</summary>
public sealed class RetryAfterFixture<TEngine> : WebhookFixture<TEngine>
    where TEngine : IEngine
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(FastDelivery)
    {
        ["Webhooks:RetrySchedule:8"] = "00:00:10",
    };
}
