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
public sealed record HealthEntryResponse(string Status, string? Description, string Duration, HealthEntryData Data)
{
    internal static HealthEntryResponse From(HealthReportEntry entry) => new(
        entry.Status.ToString(), entry.Description, HealthReportResponse.Duration(entry.Duration), HealthEntryData.From(entry.Data));
}

/// <summary>
/// The facts a check reports, each present only for the check it belongs to: the type of the error
/// that failed it (never its message), the active encryption key's id, and each worker's last beat.
/// </summary>
public sealed record HealthEntryData(string? Error, string? ActiveKeyId, DateTimeOffset? Delivery, DateTimeOffset? Overdue, DateTimeOffset? Retention)
{
    public const string ErrorKey = "error";
    public const string ActiveKeyIdKey = "activeKeyId";

    internal static HealthEntryData From(IReadOnlyDictionary<string, object> data) => new(
        data.GetValueOrDefault(ErrorKey) as string,
        data.GetValueOrDefault(ActiveKeyIdKey) as string,
        data.GetValueOrDefault(WorkerHeartbeats.Delivery) as DateTimeOffset?,
        data.GetValueOrDefault(WorkerHeartbeats.Overdue) as DateTimeOffset?,
        data.GetValueOrDefault(WorkerHeartbeats.Retention) as DateTimeOffset?);
}
