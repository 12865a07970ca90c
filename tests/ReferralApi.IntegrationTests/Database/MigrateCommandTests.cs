using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Database;

/// <summary>
/// <c>dotnet ReferralApi.dll migrate</c> applies the migrations with <c>ConnectionStrings:Migrations</c>
/// and exits; instances then serve with <c>Database:MigrateOnStart=false</c>. The command is the same
/// runner on every engine (start-up migrations are tested on each), so it runs here on SQLite files.
/// </summary>
public sealed class MigrateCommandTests
{
    [Fact]
    public async Task Migrate_AppliesEveryScriptWithTheMigrationsLogin_AndExits_ThenTheApiServesWithoutMigrating()
    {
        var directory = Directory.CreateTempSubdirectory("referral-migrate-");
        var migrated = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory.FullName, "referrals.db") }.ToString();
        var untouched = Path.Combine(directory.FullName, "serving-login-only.db");
        try
        {
            var (exitCode, output) = await RunApiAsync(
                ("Database__Provider", "sqlite"), ("ConnectionStrings__Migrations", migrated), ("ConnectionStrings__Referrals", $"Data Source={untouched}"));

            Assert.True(exitCode == 0, output);
            Assert.False(File.Exists(untouched), "migrate must not open the serving connection");
            await using (var connection = new SqliteConnection(migrated))
            {
                var scripts = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions")).ToList();
                Assert.Contains(scripts, s => s.EndsWith("0001_initial.sql", StringComparison.Ordinal));
                Assert.Contains(scripts, s => s.EndsWith("0009_lookup_indexes_and_constraint_names.sql", StringComparison.Ordinal));
            }

            await using var host = new ApiFactory("sqlite", migrated, new Dictionary<string, string?> { ["Database:MigrateOnStart"] = "false" });
            using var admin = host.CreateClient();
            admin.DefaultRequestHeaders.Authorization = new("Bearer", host.AdminKey);
            using var agencies = await admin.GetAsync(new Uri("/v1/agencies", UriKind.Relative), Http.Ct);
            Assert.Equal(HttpStatusCode.OK, agencies.StatusCode);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs the built API (beside the tests) as <c>dotnet ReferralApi.dll migrate</c>; returns its exit code and output.</summary>
    private static async Task<(int ExitCode, string Output)> RunApiAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "ReferralApi.dll"), "migrate" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(Http.Ct);
        var stderr = process.StandardError.ReadToEndAsync(Http.Ct);
        await process.WaitForExitAsync(Http.Ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}
