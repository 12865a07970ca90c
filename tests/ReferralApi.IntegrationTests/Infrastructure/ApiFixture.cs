using System.Data.Common;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// One fresh database and one API host per test class. When the engine cannot run here every
/// accessor skips the calling test with the reason, or fails it if the engine is required, so a
/// test needs no guard of its own.
/// </summary>
public class ApiFixture<TEngine> : IAsyncLifetime
    where TEngine : IEngine
{
    private EngineDatabase? database;
    private ApiFactory? factory;
    private string? unavailable;

    /// <summary>The engine's provider name, available even when the engine is not.</summary>
    public string Provider => TEngine.Engine.Name;

    public ApiFactory Factory => Available(factory);

    public EngineDatabase Database => Available(database);

    public string AdminKey => Factory.AdminKey;

    /// <summary>A client that sends <c>Authorization: Bearer &lt;apiKey&gt;</c>, or no credentials when null.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = Factory.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public HttpClient CreateAdminClient() => CreateClient(AdminKey);

    /// <summary>A direct connection to this class's database, for checks the API cannot show.</summary>
    public DbConnection CreateConnection() => Database.CreateConnection();

    /// <summary>Renames a table behind the API's back, to make writes to it fail as in an outage.</summary>
    public async Task RenameTableAsync(string from, string to)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Provider == "sqlserver" ? $"EXEC sp_rename '{from}', '{to}'" : $"ALTER TABLE {from} RENAME TO {to}";
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            database = await TEngine.Engine.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        }
        catch (EngineUnavailableException e)
        {
            unavailable = e.Message;
            return;
        }

        factory = new ApiFactory(database.Provider, database.ConnectionString, Settings, ConfigureServices);

        // Starting here runs the migrations once per class and reports a broken start-up as such.
        _ = factory.Services;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Extra configuration for the host, e.g. feature switches a suite needs.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Replaces services after the application registered its own, e.g. a fake <see cref="TimeProvider"/>.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private T Available<T>(T? value)
        where T : class
    {
        if (unavailable is not null)
        {
            if (RequiredEngines.Contains(Provider))
            {
                Assert.Fail($"{Provider}: unavailable but required by {RequiredEngines.Variable} — {unavailable}");
            }

            Assert.Skip($"{Provider}: skipped — {unavailable}");
        }

        return value ?? throw new InvalidOperationException("The fixture has not been initialized.");
    }
}
