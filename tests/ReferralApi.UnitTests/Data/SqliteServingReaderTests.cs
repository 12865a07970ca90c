using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// A serving command's reader keeps a compiled statement's column names, and answers every call as
/// the provider's own reader would.
/// </summary>
public sealed class SqliteServingReaderTests : SqliteServingFileFixture
{
    private const string Select = "SELECT n AS N, label AS Label FROM t ORDER BY n";

    [Fact]
    public async Task NamesAndTypes_AreThoseOfTheProvidersReader_AndNamesAreKeptBetweenRuns()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("INSERT INTO t (n, label) VALUES (1, NULL), (2, 'two')");

        string firstName;
        await using (var command = Command(connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            await using var provider = await ProviderReader();
            Assert.Equal(provider.GetName(1), reader.GetName(1));
            Assert.Equal(provider.GetFieldType(1), reader.GetFieldType(1)); // NULL in the first row: the declared TEXT
            Assert.Equal(provider.GetFieldType(0), reader.GetFieldType(0));
            firstName = reader.GetName(1);
        }

        await using (var command = Command(connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            Assert.Same(firstName, reader.GetName(1));
            Assert.True(await reader.ReadAsync(Ct));
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal(typeof(string), reader.GetFieldType(1));
            Assert.Equal("two", reader.GetString(1));
            Assert.False(await reader.ReadAsync(Ct));
        }

        Assert.Equal([(1L, (string?)null), (2L, "two")], (await connection.QueryAsync<(long, string?)>(Select)).ToList());
    }

    [Fact]
    public async Task ALaterResultOfTheSameText_HasItsOwnColumns()
    {
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 AS First; SELECT 'x' AS Second, 2 AS Third";
        await using var reader = await command.ExecuteReaderAsync(Ct);

        Assert.Equal("First", reader.GetName(0));
        Assert.True(await reader.NextResultAsync(Ct));
        Assert.Equal(["Second", "Third"], [reader.GetName(0), reader.GetName(1)]);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Select;
        return command;
    }

    /// <summary>Microsoft.Data.Sqlite's own reader of the same statement, on a connection of its own.</summary>
    private async Task<SqliteDataReader> ProviderReader()
    {
        var connection = new SqliteConnection(Source.ConnectionString);
        await connection.OpenAsync(Ct);
        var command = new SqliteCommand(Select, connection);
        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.CloseConnection, Ct);
    }
}
