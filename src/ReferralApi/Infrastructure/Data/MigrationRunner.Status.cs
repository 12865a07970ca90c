using System.Reflection;

namespace ReferralApi.Infrastructure.Data;

/// <summary>Whether the database lacks a script this version ships, for readiness.</summary>
internal sealed partial class MigrationRunner
{
    private bool upToDate;

    /// <summary>Reads DbUp's journal; once everything is applied the answer cannot change, so it is kept.</summary>
    public async Task<bool> HasPendingScriptsAsync(CancellationToken ct)
    {
        if (upToDate)
        {
            return false;
        }

        var prefix = $"ReferralApi.Database.{dialect.MigrationFolder}.";
        var engine = dialect.Migrations(connectionString)
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .LogToNowhere()
            .Build();
        var pending = await Task.Run(engine.IsUpgradeRequired, ct);
        upToDate = !pending;
        return pending;
    }
}
