using Npgsql;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>The serving PostgreSQL connections prepare their statements unless the operator's connection string says otherwise.</summary>
public sealed class PostgresAutoPrepareTests
{
    [Fact]
    public void AConnectionStringWithoutThem_GetsAutoPreparation()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresAutoPrepare.Apply("Host=db;Database=referrals;Username=api"));

        Assert.Equal(PostgresAutoPrepare.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresAutoPrepare.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.Equal("db", applied.Host);
        Assert.Equal("api", applied.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;Auto Prepare Min Usages=7", 0, 7)]
    [InlineData("Host=db;maxautoprepare=10", 10, PostgresAutoPrepare.AutoPrepareMinUsages)]
    public void TheOperatorsOwnSettings_Win(string connectionString, int maxAutoPrepare, int minUsages)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresAutoPrepare.Apply(connectionString));

        Assert.Equal(maxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(minUsages, applied.AutoPrepareMinUsages);
    }
}
