namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>Runs a suite on PostgreSQL, one database per test class.</summary>
public sealed class Postgres : IEngine
{
    public static IDatabaseEngine Engine { get; } = new PostgresEngine();
}
