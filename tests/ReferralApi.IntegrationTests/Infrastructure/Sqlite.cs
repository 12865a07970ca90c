namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>Runs a suite on a SQLite file per test class.</summary>
public sealed class Sqlite : IEngine
{
    public static IDatabaseEngine Engine { get; } = new SqliteEngine();
}
