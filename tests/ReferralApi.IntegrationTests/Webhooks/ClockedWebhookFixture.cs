using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Reliability;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// Fast delivery with a clock the tests move forward, and the delivery log purged every 200 ms,
/// so a month of retention passes in one call.
/// </summary>
public sealed class ClockedWebhookFixture<TEngine> : WebhookFixture<TEngine>
    where TEngine : IEngine
{
    public static readonly IReadOnlyDictionary<string, string?> FrequentPurge = new Dictionary<string, string?>(FastDelivery)
    {
        ["Webhooks:PurgeInterval"] = "00:00:00.200",
    };

    public AdjustableClock Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => FrequentPurge;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
