using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferralApi.Features.Health;

/// <summary>Liveness answer.</summary>
public sealed record HealthResponse(string Status);

/// <summary>
/// The health-check report in the usual JSON shape (<c>status</c>, <c>totalDuration</c>,
/// <c>entries</c>), as health dashboards read it. <c>totalDuration</c> and <c>entries</c> are
/// present for the admin key only.
/// </summary>
public sealed record HealthReportResponse(string Status, string? TotalDuration, IReadOnlyDictionary<string, HealthEntryResponse>? Entries)
{
    internal static HealthReportResponse From(HealthReport report, bool details) => details
        ? new(report.Status.ToString(), Duration(report.TotalDuration), report.Entries.ToDictionary(e => e.Key, e => HealthEntryResponse.From(e.Value)))
        : new(report.Status.ToString(), null, null);

    internal static string Duration(TimeSpan duration) => duration.ToString("c", CultureInfo.InvariantCulture);
}

/// <summary>One dependency: its status, what it means, how long the check took, and plain facts (states and times).</summary>
public sealed record HealthEntryResponse(string Status, string? Description, string Duration, IReadOnlyDictionary<string, string> Data)
{
    internal static HealthEntryResponse From(HealthReportEntry entry) => new(
        entry.Status.ToString(),
        entry.Description,
        HealthReportResponse.Duration(entry.Duration),
        entry.Data.ToDictionary(d => d.Key, d => Convert.ToString(d.Value, CultureInfo.InvariantCulture) ?? string.Empty));
}
