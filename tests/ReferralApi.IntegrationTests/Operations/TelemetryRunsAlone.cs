namespace ReferralApi.IntegrationTests.Operations;

/// <summary>
/// The telemetry suites run alone, after the others. OpenTelemetry's meter provider listens to every
/// meter of a given name in the process, not only its own host's, and keeps the first instrument of
/// each name: beside other hosts, a scrape could show another host's counters instead of its own.
/// One host per process, as in production, has no such neighbours.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryRunsAlone
{
    public const string Name = "Telemetry";
}
