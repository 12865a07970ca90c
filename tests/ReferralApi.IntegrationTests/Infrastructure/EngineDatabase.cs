using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ReferralApi.IntegrationTests.Infrastructure;

/// <summary>One test class's database; disposing it removes the database.</summary>
public sealed class EngineDatabase(string provider, string connectionString, Func<ValueTask> drop) : IAsyncDisposable
{
    /// <summary>The API's <c>Database:Provider</c> value.</summary>
    public string Provider { get; } = provider;

    /// <summary>The API's <c>ConnectionStrings:Referrals</c> value.</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>A direct connection, for tests that check what the API stored.</summary>
    public DbConnection CreateConnection() => Provider switch
    {
        "postgres" => new NpgsqlConnection(ConnectionString),
        "sqlserver" => new SqlConnection(ConnectionString),
        _ => new SqliteConnection(ConnectionString),
    };

    public ValueTask DisposeAsync() => drop();
}
