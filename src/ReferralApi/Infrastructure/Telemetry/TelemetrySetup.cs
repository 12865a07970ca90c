using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry: traces of requests, outgoing webhook calls and database commands; metrics of
/// ASP.NET Core, the runtime, the connection pools and the domain. Exported over OTLP when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and served as Prometheus text on
/// <c>/metrics</c> when <c>Metrics:Prometheus:Enabled</c>. With neither, nothing is collected.
/// </summary>
internal static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";
    public const string TracesSwitch = "Telemetry:Traces:Enabled";
    private const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName)
            .Validate(o => o.Prometheus.AllowedNetworks.All(ScrapeAccess.IsValid), "Metrics:Prometheus:AllowedNetworks must hold CIDRs such as 10.20.0.0/16.")
            .Validate(o => o.SnapshotInterval > TimeSpan.Zero, "Metrics:SnapshotInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new ScrapeAccess(sp.GetRequiredService<IOptions<MetricsOptions>>().Value.Prometheus.AllowedNetworks));

        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);
        var prometheus = configuration.GetValue<bool>("Metrics:Prometheus:Enabled");
        var traces = configuration.GetValue(TracesSwitch, otlp);
        if (!otlp && !prometheus && !traces)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("ReferralApi"));
        if (prometheus || otlp)
        {
            // The domain meter and the database figures exist only when something exports them; the
            // hooks that count ask for the meter and skip when it is absent.
            builder.Services.AddSingleton<ReferralMetrics>();
            builder.Services.AddScoped<OperationsSnapshotStore>();
            builder.Services.AddHostedService<OperationsSnapshotWorker>();
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                    .AddMeter(ReferralMetrics.MeterName, "Npgsql", "Microsoft.Data.SqlClient.EventSource");
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        }

        if (traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSqlClientInstrumentation()
                .AddNpgsql()
                .AddSource(SqliteCommandTracing.SourceName));
        }

        if (otlp)
        {
            // Endpoint, protocol, headers and service name come from the standard OTEL_* variables.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Serves <c>/metrics</c> to loopback and the allowed networks; anyone else falls through to the 404 of an unknown path.</summary>
    public static WebApplication UseMetricsEndpoint(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value.Prometheus.Enabled)
        {
            return app;
        }

        var access = app.Services.GetRequiredService<ScrapeAccess>();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && HttpMethods.IsGet(context.Request.Method) && access.Allows(context.Connection.RemoteIpAddress));
        return app;
    }

    // Scrapes and probes every few seconds would drown the traces that matter.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");
}
