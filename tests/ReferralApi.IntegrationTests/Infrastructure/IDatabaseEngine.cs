namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>
/// A database server the behavioural suite can run on. Every call hands out a fresh, empty
/// database so test classes never share rows and can run in parallel.
/// </summary>
public interface IDatabaseEngine
{
    /// <summary>The API's <c>Database:Provider</c> value: <c>sqlite</c>, <c>postgres</c> or <c>sqlserver</c>.</summary>
    string Name { get; }

    /// <summary>Creates an empty database; throws <see cref="EngineUnavailableException"/> when the engine cannot run here.</summary>
    Task<EngineDatabase> CreateDatabaseAsync(CancellationToken ct);
}
