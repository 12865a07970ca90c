using DotNet.Testcontainers.Builders;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// An engine that needs a server: the one named by an environment variable, else a container started
/// once per test run, else unavailable with the reason. Each test class gets its own database on it.
/// </summary>
public abstract class ServerEngine : IDatabaseEngine
{
    // Pulling an image can take minutes where Docker exists; without Docker the failure comes in about a second.
    private static readonly TimeSpan ContainerStartTimeout = TimeSpan.FromMinutes(10);

    private readonly Lazy<Task<ServerLocation>> server;

    protected ServerEngine() => server = new(() => LocateAsync());

    public abstract string Name { get; }

    /// <summary>The environment variable holding a connection string to a server the tests may create databases on.</summary>
    protected abstract string Variable { get; }

    /// <summary>Starts the fallback container and returns a connection string with rights to create databases.</summary>
    protected abstract Task<string> StartContainerAsync(CancellationToken ct);

    /// <summary>The server connection string, adjusted to reach the server's maintenance database.</summary>
    protected abstract string ToServer(string connectionString);

    protected abstract string ToDatabase(string serverConnectionString, string database);

    protected abstract Task CreateAsync(string serverConnectionString, string database, CancellationToken ct);

    protected abstract Task DropAsync(string serverConnectionString, string database);

    public async Task<EngineDatabase> CreateDatabaseAsync(CancellationToken ct)
    {
        var location = await server.Value.WaitAsync(ct);
        if (location.ConnectionString is not { } serverConnectionString)
        {
            throw new EngineUnavailableException(location.Reason!);
        }

        // A GUID keeps names unique across parallel classes and leftover databases from killed runs.
        var database = $"referral_{Guid.NewGuid():N}";
        await CreateAsync(serverConnectionString, database, ct);
        return new EngineDatabase(Name, ToDatabase(serverConnectionString, database),
            () => new ValueTask(DropAsync(serverConnectionString, database)));
    }

    private async Task<ServerLocation> LocateAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new(ToServer(configured), null);
        }

        try
        {
            using var timeout = new CancellationTokenSource(ContainerStartTimeout);
            return new(ToServer(await StartContainerAsync(timeout.Token)), null);
        }
#pragma warning disable CA1031 // Whatever stops the container is the skip reason; the suite must not crash on it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var why = e is DockerUnavailableException ? "no Docker engine" : "its container did not start";
            var detail = e.Message.Split('\n', 2)[0].Trim();
            return new(null, $"{Variable} not set and {why} ({detail})");
        }
    }

    private sealed record ServerLocation(string? ConnectionString, string? Reason);
}
