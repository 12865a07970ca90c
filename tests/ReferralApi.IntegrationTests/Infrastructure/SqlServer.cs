namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>Runs a suite on SQL Server, one database per test class.</summary>
public sealed class SqlServer : IEngine
{
    public static IDatabaseEngine Engine { get; } = new SqlServerEngine();
}
