using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>
/// A serving command's reader keeps a compiled statement's column names and the types of its NULLs,
/// and answers every call as the provider's own reader would.
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
    public async Task TheTypeOfANull_IsTheProvidersAnswer_InEveryRow_OnEveryRun()
    {
        // NULLs under each affinity of a declared type, in expressions without one, and after a
        // value in the same column, whose type the provider then gives them; and values whose
        // storage class is not their column's affinity.
        const string typed = """
            SELECT CASE WHEN t.n = 1 THEN NULL ELSE t.n END AS Count, label AS Label,
                   CAST(NULL AS REAL) AS Ratio, NULL AS Absent, CASE WHEN t.n = 2 THEN 'x' END AS Mixed,
                   d.name AS Name, d.ratio AS DeclaredRatio, d.data AS Data, d.amount AS Amount, d.loose AS Loose
            FROM t LEFT JOIN declared d ON d.n = t.n ORDER BY t.n
            """;
        await using var connection = await Source.OpenConnectionAsync(Ct);
        await connection.ExecuteAsync("""
            INSERT INTO t (n, label) VALUES (1, NULL), (2, 'two'), (3, NULL);
            CREATE TABLE declared (n INTEGER, name VARCHAR(10), ratio DOUBLE PRECISION, data BLOB, amount NUMERIC, loose);
            INSERT INTO declared VALUES (2, 'b', 0.5, x'01', 'not a number', 1.5), (3, NULL, NULL, NULL, NULL, NULL);
            """);

        for (var run = 0; run < 2; run++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = typed;
            await using var reader = await command.ExecuteReaderAsync(Ct);
            await using var provider = await ProviderReader(typed);
            Assert.Equal(Types(provider), Types(reader)); // before the first Read, when Dapper asks
            while (await provider.ReadAsync(Ct))
            {
                Assert.True(await reader.ReadAsync(Ct));
                Assert.Equal(Types(provider), Types(reader));
            }

            Assert.False(await reader.ReadAsync(Ct));
        }
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

    private static Type[] Types(DbDataReader reader) => [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType)];

    /// <summary>Microsoft.Data.Sqlite's own reader of the same statement, on a connection of its own.</summary>
    private async Task<SqliteDataReader> ProviderReader(string sql = Select)
    {
        var connection = new SqliteConnection(Source.ConnectionString);
        await connection.OpenAsync(Ct);
        var command = new SqliteCommand(sql, connection);
        return await command.ExecuteReaderAsync(System.Data.CommandBehavior.CloseConnection, Ct);
    }
}
