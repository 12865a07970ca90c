using Npgsql;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>The serving PostgreSQL connections prepare their statements, skip the reset on close, are multiplexed and close soon when idle, unless the operator's connection string says otherwise.</summary>
public sealed class PostgresServingConnectionTests
{
    [Fact]
    public void AConnectionStringWithoutThem_GetsAutoPreparation()
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresServingConnection.Apply("Host=db;Database=referrals;Username=api"));

        Assert.Equal(PostgresServingConnection.MaxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(PostgresServingConnection.AutoPrepareMinUsages, applied.AutoPrepareMinUsages);
        Assert.True(applied.NoResetOnClose);
        Assert.True(applied.Multiplexing);
        Assert.Equal(PostgresServingConnection.IdleLifetimeSeconds, applied.ConnectionIdleLifetime);
        Assert.Equal(PostgresServingConnection.PruningIntervalSeconds, applied.ConnectionPruningInterval);
        Assert.Equal("db", applied.Host);
        Assert.Equal("api", applied.Username);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;Auto Prepare Min Usages=7", 0, 7)]
    [InlineData("Host=db;maxautoprepare=10", 10, PostgresServingConnection.AutoPrepareMinUsages)]
    public void TheOperatorsOwnSettings_Win(string connectionString, int maxAutoPrepare, int minUsages)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresServingConnection.Apply(connectionString));

        Assert.Equal(maxAutoPrepare, applied.MaxAutoPrepare);
        Assert.Equal(minUsages, applied.AutoPrepareMinUsages);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false")]
    [InlineData("Host=db;noresetonclose=false")]
    public void AnOperatorWhoWantsTheReset_KeepsIt(string connectionString) =>
        Assert.False(new NpgsqlConnectionStringBuilder(PostgresServingConnection.Apply(connectionString)).NoResetOnClose);

    [Fact]
    public void AnOperatorWhoTurnsMultiplexingOff_HasItOff() =>
        Assert.False(new NpgsqlConnectionStringBuilder(PostgresServingConnection.Apply("Host=db;Multiplexing=false")).Multiplexing);

    [Theory]
    [InlineData("Host=db;Connection Idle Lifetime=300;Connection Pruning Interval=10", 300, 10)]
    [InlineData("Host=db;Connection Idle Lifetime=1", 1, 1)]
    [InlineData("Host=db;Connection Pruning Interval=30", 30, 30)]
    public void AnOperatorsOwnIdleLifetimeOrPruningInterval_Wins_AndTheOtherStaysValid(string connectionString, int lifetime, int pruning)
    {
        var applied = new NpgsqlConnectionStringBuilder(PostgresServingConnection.Apply(connectionString));

        Assert.Equal(lifetime, applied.ConnectionIdleLifetime);
        Assert.Equal(pruning, applied.ConnectionPruningInterval);
        using var dataSource = new NpgsqlDataSourceBuilder(applied.ConnectionString).Build();
    }
}
