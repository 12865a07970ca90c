using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Health;

/// <summary>
/// What <c>/health/ready</c> checks, one entry each. Data values are states and times only: no
/// connection string, key or message from the database ever goes into a report.
/// </summary>
internal static class ReadinessChecks
{
    public static IHealthChecksBuilder AddReadinessChecks(this IServiceCollection services)
    {
        services.AddSingleton<WorkerHeartbeats>();
        return services.AddHealthChecks()
            .AddAsyncCheck("database", async (sp, ct) => await DatabaseAsync(sp.GetRequiredService<DbDataSource>(), ct))
            .AddAsyncCheck("migrations", (sp, ct) => MigrationsAsync(sp.GetRequiredService<MigrationRunner>(), ct))
            .AddCheck("encryption", sp => Encryption(sp.GetRequiredService<KeyRing>()))
            .AddCheck("workers", sp => Workers(sp.GetRequiredService<WorkerHeartbeats>()));
    }

    private static IHealthChecksBuilder AddAsyncCheck(
        this IHealthChecksBuilder builder, string name, Func<IServiceProvider, CancellationToken, Task<HealthCheckResult>> check) =>
        builder.Add(new HealthCheckRegistration(name, sp => new DelegateCheck(ct => check(sp, ct)), HealthStatus.Unhealthy, []));

    private static IHealthChecksBuilder AddCheck(this IHealthChecksBuilder builder, string name, Func<IServiceProvider, HealthCheckResult> check) =>
        builder.AddAsyncCheck(name, (sp, _) => Task.FromResult(check(sp)));

    private static async Task<HealthCheckResult> DatabaseAsync(DbDataSource dataSource, CancellationToken ct)
    {
        try
        {
            // The command goes before its connection, so the connection is handed back with nothing out.
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", data: new Dictionary<string, object> { [HealthEntryData.ErrorKey] = e.GetType().Name });
        }
    }

    private static async Task<HealthCheckResult> MigrationsAsync(MigrationRunner migrations, CancellationToken ct)
    {
        try
        {
            return await migrations.HasPendingScriptsAsync(ct)
                ? HealthCheckResult.Unhealthy("Migrations of this version are not applied yet.")
                : HealthCheckResult.Healthy("Every migration of this version is applied.");
        }
        catch (DbException e)
        {
            return HealthCheckResult.Unhealthy("The migration journal cannot be read.", data: new Dictionary<string, object> { [HealthEntryData.ErrorKey] = e.GetType().Name });
        }
    }

    private static HealthCheckResult Encryption(KeyRing keys)
    {
        var data = new Dictionary<string, object> { [HealthEntryData.ActiveKeyIdKey] = keys.ActiveKeyId };
        return keys.IsEphemeral
            ? HealthCheckResult.Degraded("No encryption keys are configured: personal data is sealed with a key that dies with this process.", data: data)
            : HealthCheckResult.Healthy("Encryption keys are present.", data: data);
    }

    private static HealthCheckResult Workers(WorkerHeartbeats heartbeats)
    {
        var data = new Dictionary<string, object>();
        var stale = new List<string>();
        foreach (var worker in WorkerHeartbeats.Workers)
        {
            var last = heartbeats.Last(worker);
            if (last is { } beat)
            {
                data[worker] = beat.At;
            }

            if (last is null or { Stale: true })
            {
                stale.Add(worker);
            }
        }

        // Stale workers do not stop this instance serving requests, so readiness stays up (200) but says so.
        return stale.Count == 0
            ? HealthCheckResult.Healthy("Every background worker beat recently.", data)
            : HealthCheckResult.Degraded($"Stale background workers: {string.Join(", ", stale)}.", data: data);
    }

    private sealed class DelegateCheck(Func<CancellationToken, Task<HealthCheckResult>> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            check(cancellationToken);
    }
}
