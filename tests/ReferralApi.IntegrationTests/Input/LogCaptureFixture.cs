using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Input;

/// <summary>The usual host, logging everything down to Trace into <see cref="Logs"/> besides its own providers.</summary>
public sealed class LogCaptureFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    public LogSink Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",

            // Webhooks go to a closed loopback port, so failed deliveries are logged too.
            ["Webhooks:AllowPrivateNetworks"] = "true",
        };

    protected override void ConfigureServices(IServiceCollection services) => CapturingLoggerProvider.CaptureEverything(services, Logs);
}
