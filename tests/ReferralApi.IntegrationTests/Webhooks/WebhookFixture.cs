using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// An API whose webhooks may go to loopback (the test receiver), retried on a schedule of
/// fractions of a second, polled often, with a fixed encryption key so a second host on the same
/// database can read the secrets the first one stored.
/// </summary>
public class WebhookFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public static readonly IReadOnlyDictionary<string, string?> FastDelivery = new Dictionary<string, string?>
    {
        ["Webhooks:AllowPrivateNetworks"] = "true",
        ["Webhooks:PollInterval"] = "00:00:00.050",
        ["Webhooks:LeaseDuration"] = "00:00:04",
        ["Webhooks:AttemptTimeout"] = "00:00:03",
        ["Webhooks:CircuitBreakDuration"] = "00:00:00.500",
        ["Webhooks:RetrySchedule:0"] = "00:00:00.100",
        ["Webhooks:RetrySchedule:1"] = "00:00:00.150",
        ["Webhooks:RetrySchedule:2"] = "00:00:00.200",
        ["Webhooks:RetrySchedule:3"] = "00:00:00.200",
        ["Webhooks:RetrySchedule:4"] = "00:00:00.250",
        ["Webhooks:RetrySchedule:5"] = "00:00:00.250",
        ["Webhooks:RetrySchedule:6"] = "00:00:00.300",
        ["Webhooks:RetrySchedule:7"] = "00:00:00.300",
        ["Webhooks:RetrySchedule:8"] = "00:00:00.300",
        ["Encryption:Keys:0:Id"] = "test-2026",
        ["Encryption:Keys:0:Key"] = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=",
    };

    protected override IReadOnlyDictionary<string, string?> Settings => FastDelivery;
}
