using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Operations;

/// <summary>
/// The usual host with telemetry on: the Prometheus endpoint (allowing one extra network), traces
/// captured in <see cref="Spans"/>, and the database figures read every 200 ms.
/// </summary>
public sealed class TelemetryFixture<TEngine> : ApiFixture<TEngine>
    where TEngine : IEngine
{
    /// <summary>The test server has no socket: this header stands for the caller's address, loopback when absent.</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    public const string AllowedNetwork = "10.9.0.0/16";

    public ConcurrentQueue<Activity> Spans { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Metrics:Prometheus:Enabled"] = "true",
        ["Metrics:Prometheus:AllowedNetworks:0"] = AllowedNetwork,
        ["Metrics:SnapshotInterval"] = "00:00:00.200",
        ["Telemetry:Traces:Enabled"] = "true",

        // Webhooks go to a closed loopback port, so deliveries fail and stay pending.
        ["Webhooks:AllowPrivateNetworks"] = "true",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new CapturingProcessor(Spans)));
        services.AddSingleton<IStartupFilter, RemoteAddressFilter>();
    }

    private sealed class CapturingProcessor(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var given = context.Request.Headers[RemoteAddressHeader].ToString();
                context.Connection.RemoteIpAddress = given.Length > 0 ? IPAddress.Parse(given) : IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
