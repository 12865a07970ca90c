using Dapper;
using Microsoft.Data.SqlClient;
using Testcontainers.MsSql;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// SQL Server from <c>REFERRAL_TEST_SQLSERVER</c>, else Testcontainers. Each test class gets
/// <c>CREATE DATABASE [referral_&lt;guid&gt;]</c> with READ_COMMITTED_SNAPSHOT set explicitly: OFF
/// (SQL Server's default) unless <c>REFERRAL_TEST_SQLSERVER_RCSI=on</c> (Azure SQL's default).
/// scripts/test.sh runs the SQL Server tests once in each mode.
/// </summary>
public sealed class SqlServerEngine : ServerEngine
{
    public const string EnvironmentVariable = "REFERRAL_TEST_SQLSERVER";

    public const string SnapshotVariable = "REFERRAL_TEST_SQLSERVER_RCSI";

    /// <summary>ON or OFF, as ALTER DATABASE takes it; anything but "on" is OFF.</summary>
    public static string ReadCommittedSnapshot { get; } =
        string.Equals(Environment.GetEnvironmentVariable(SnapshotVariable), "on", StringComparison.OrdinalIgnoreCase) ? "ON" : "OFF";

    // Held so the container lives as long as the test run; the Testcontainers reaper removes it at exit.
    private MsSqlContainer? container;

    public override string Name => "sqlserver";

    protected override string Variable => EnvironmentVariable;

    protected override async Task<string> StartContainerAsync(CancellationToken ct)
    {
        container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
        await container.StartAsync(ct);
        return container.GetConnectionString();
    }

    protected override string ToServer(string connectionString) =>
        new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }.ConnectionString;

    protected override string ToDatabase(string serverConnectionString, string database) =>
        new SqlConnectionStringBuilder(serverConnectionString) { InitialCatalog = database }.ConnectionString;

    protected override async Task CreateAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new SqlConnection(serverConnectionString);
        await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE [{database}]", cancellationToken: ct));

        // A new database may inherit either setting from model; the run says which one it tests.
        await connection.ExecuteAsync(new CommandDefinition($"ALTER DATABASE [{database}] SET READ_COMMITTED_SNAPSHOT {ReadCommittedSnapshot} WITH ROLLBACK IMMEDIATE", cancellationToken: ct));
    }

    protected override async Task DropAsync(string serverConnectionString, string database)
    {
        // The API's pool uses the same connection string; emptying it lets the database go quietly,
        // and ROLLBACK IMMEDIATE ends anything still attached.
        using (var pooled = new SqlConnection(ToDatabase(serverConnectionString, database)))
        {
            SqlConnection.ClearPool(pooled);
        }

        await using var connection = new SqlConnection(serverConnectionString);
        await connection.ExecuteAsync($"""
            IF DB_ID(N'{database}') IS NOT NULL
            BEGIN
                ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                DROP DATABASE [{database}];
            END
            """);
    }
}
