using System.Data.Common;
using System.Globalization;
using Dapper;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>What an attacker holding a copy of the database would read: every value of every table, as text.</summary>
internal static class RawDatabase
{
    public static async Task<List<RawValue>> AllValuesAsync(EngineDatabase database)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(Support.Http.Ct);
        var tables = (await connection.QueryAsync<string>(TablesQuery(database.Provider))).AsList();
        Assert.Contains("referrals", tables);
        var values = new List<RawValue>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using var reader = await command.ExecuteReaderAsync(Support.Http.Ct);
            while (await reader.ReadAsync(Support.Http.Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i, Support.Http.Ct))
                    {
                        values.Add(new RawValue(table, reader.GetName(i), Text(reader.GetValue(i))));
                    }
                }
            }
        }

        return values;
    }

    /// <summary>The stored text of one column of one row.</summary>
    public static async Task<string?> ValueAsync(EngineDatabase database, string table, string column, Guid id)
    {
        await using var connection = database.CreateConnection();
        return await connection.QuerySingleOrDefaultAsync<string?>($"SELECT {column} FROM {table} WHERE id = @Id", new { Id = id });
    }

    public static async Task SetValueAsync(EngineDatabase database, string table, string column, Guid id, string? value)
    {
        await using var connection = database.CreateConnection();
        Assert.Equal(1, await connection.ExecuteAsync($"UPDATE {table} SET {column} = @Value WHERE id = @Id", new { Id = id, Value = value }));
    }

    private static string TablesQuery(string provider) => provider switch
    {
        "postgres" => "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        "sqlserver" => "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE'",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };

    private static string Text(object value) => value switch
    {
        byte[] bytes => Convert.ToHexString(bytes) + " " + System.Text.Encoding.UTF8.GetString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>One stored value and where it is.</summary>
internal sealed record RawValue(string Table, string Column, string Text);
