using Microsoft.Extensions.DependencyInjection;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Input;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Webhooks;

namespace ReferralApi.IntegrationTests.Tokens;

/// <summary>
/// The token host with what the acting-person checks also need: webhooks delivered to loopback
/// quickly, the first rotation key encrypting (so a second host can rotate), and every log line
/// down to Trace captured in <see cref="Logs"/>.
/// </summary>
public sealed class ActingPersonFixture<TEngine> : TokenFixture<TEngine>
    where TEngine : IEngine
{
    public LogSink Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> MoreSettings { get; } = Combined();

    protected override void ConfigureServices(IServiceCollection services) => CapturingLoggerProvider.CaptureEverything(services, Logs);

    private static Dictionary<string, string?> Combined()
    {
        var settings = RotationKeys.Ring(RotationKeys.FirstId, (RotationKeys.FirstId, RotationKeys.First));
        foreach (var (name, value) in WebhookFixture<TEngine>.FastDelivery.Where(s => !s.Key.StartsWith("Encryption:", StringComparison.Ordinal)))
        {
            settings.TryAdd(name, value);
        }

        settings["Logging:LogLevel:Default"] = "Trace";
        return settings;
    }
}
