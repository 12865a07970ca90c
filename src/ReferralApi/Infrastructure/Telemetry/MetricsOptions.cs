namespace ReferralApi.Infrastructure.Telemetry;

/// <summary>The <c>Metrics</c> section: the Prometheus scrape endpoint and how often the database figures are read.</summary>
internal sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    public PrometheusOptions Prometheus { get; set; } = new();

    /// <summary>
    /// How often the figures that need a database query (overdue referrals, webhook backlog, events
    /// written) are read again. Scrapes between two reads see the last one, so no scrape rate can
    /// load the database.
    /// </summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The <c>Metrics:Prometheus</c> section.</summary>
internal sealed class PrometheusOptions
{
    /// <summary>Serves <c>GET /metrics</c>; off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>CIDRs (e.g. <c>10.20.0.0/16</c>) besides loopback that may scrape; everyone else gets 404.</summary>
    public IList<string> AllowedNetworks { get; } = [];
}
