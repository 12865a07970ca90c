using Dapper;
using Npgsql;
using Testcontainers.PostgreSql;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// PostgreSQL from <c>REFERRAL_TEST_POSTGRES</c> (the throwaway server of <c>scripts/test.sh</c>), else
/// Testcontainers. Each test class gets <c>CREATE DATABASE referral_&lt;guid&gt;</c>.
/// </summary>
public sealed class PostgresEngine : ServerEngine
{
    public const string EnvironmentVariable = "REFERRAL_TEST_POSTGRES";

    // Held so the container lives as long as the test run; the Testcontainers reaper removes it at exit.
    private PostgreSqlContainer? container;

    public override string Name => "postgres";

    protected override string Variable => EnvironmentVariable;

    protected override async Task<string> StartContainerAsync(CancellationToken ct)
    {
        container = new PostgreSqlBuilder("postgres:15-alpine").Build();
        await container.StartAsync(ct);
        return container.GetConnectionString();
    }

    protected override string ToServer(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Database ??= "postgres";
        return builder.ConnectionString;
    }

    protected override string ToDatabase(string serverConnectionString, string database) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;

    protected override async Task CreateAsync(string serverConnectionString, string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE {database}", cancellationToken: ct));
    }

    protected override async Task DropAsync(string serverConnectionString, string database)
    {
        // FORCE ends connections a pool may still hold, so the drop never waits on them.
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }
}
