using System.Reflection;
using DbUp.Builder;
using DbUp.Engine.Output;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Applies the forward-only scripts of <c>Database/&lt;Engine&gt;/</c> with DbUp, under the
/// engine's migration lock (see <see cref="SqlDialect.LockMigrationsAsync"/>), since several
/// instances may start at once.
/// </summary>
internal sealed partial class MigrationRunner(SqlDialect dialect, string connectionString, ILogger<MigrationRunner> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using (await dialect.LockMigrationsAsync(connectionString, ct))
        {
            Upgrade(dialect.Migrations(connectionString), dialect.MigrationFolder);
            await dialect.AfterMigrationsAsync(connectionString, ct);
        }
    }

    private void Upgrade(UpgradeEngineBuilder builder, string folder)
    {
        var prefix = $"ReferralApi.Database.{folder}.";
        var result = builder
            .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.StartsWith(prefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build()
            .PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
        }
    }

    /// <summary>Script names only; DbUp's own messages may quote SQL, which stays out of the log.</summary>
    private sealed partial class DbUpLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args)
        {
            if (format.StartsWith("Executing Database Server script", StringComparison.Ordinal) && args.Length > 0)
            {
                Applying(logger, args[0]);
            }
        }

        public void LogWarning(string format, params object[] args) { }

        public void LogError(string format, params object[] args) => Failed(logger);

        public void LogError(Exception ex, string format, params object[] args) => Failed(logger);

        [LoggerMessage(Level = LogLevel.Information, Message = "Applying migration {Script}")]
        private static partial void Applying(ILogger logger, object script);

        [LoggerMessage(Level = LogLevel.Error, Message = "A migration failed")]
        private static partial void Failed(ILogger logger);
    }
}
