using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Privacy;

/// <summary>
/// The <c>reencrypt</c> command: rewrites every sealed value that an older key wrote with the
/// active key, so the older key can then be removed from <c>Encryption:Keys</c>. Values stored in
/// the clear before encryption at rest existed are sealed too. Safe to run while the API serves
/// requests and to run again: each row is updated only if it did not change since it was read.
/// </summary>
internal sealed partial class ReEncryption(Db db, KeyRing keys, ILogger<ReEncryption> logger)
{
    public const string Command = "reencrypt";
    private const int BatchSize = 200;

    public async Task<ReEncryptionReport> RunAsync(CancellationToken ct)
    {
        var total = new ReEncryptionReport(0, 0, 0);
        foreach (var table in SealedTable.All)
        {
            var report = await RunAsync(table, ct);
            TableDone(logger, table.Name, report.RowsRewritten, report.ValuesRewritten, report.ValuesUnreadable);
            total = total.Add(report);
        }

        return total;
    }

    private async Task<ReEncryptionReport> RunAsync(SealedTable table, CancellationToken ct)
    {
        var report = new ReEncryptionReport(0, 0, 0);
        var after = Guid.Empty;
        var select = table.SelectBatch(db.Dialect);
        while (true)
        {
            var batch = await db.ReadAsync((connection, token) => ReadBatchAsync(connection, select, after, table.Columns.Count, token), ct);
            foreach (var (id, stored) in batch)
            {
                var (rewritten, unreadable) = Reseal(table, id, stored);
                var changed = rewritten.Zip(stored).Count(pair => !ReferenceEquals(pair.First, pair.Second));
                if (changed > 0 && await db.ReadAsync((connection, token) => UpdateAsync(connection, table, id, stored, rewritten, token), ct))
                {
                    report = report.Add(new ReEncryptionReport(1, changed, 0));
                }

                report = report.Add(new ReEncryptionReport(0, 0, unreadable));
            }

            if (batch.Count < BatchSize)
            {
                return report;
            }

            after = batch[^1].Id;
        }
    }

    /// <summary>The row's values with each one that is not under the active key sealed again; unreadable values stay as they are.</summary>
    private (string?[] Values, int Unreadable) Reseal(SealedTable table, Guid id, string?[] stored)
    {
        var values = (string?[])stored.Clone();
        var unreadable = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is not { } value || KeyRing.KeyIdOf(value) == keys.ActiveKeyId)
            {
                continue;
            }

            var context = table.Context(id, table.Columns[i]);
            try
            {
                var plaintext = KeyRing.KeyIdOf(value) is null ? value : keys.UnprotectString(value, context);
                values[i] = keys.Protect(plaintext, context);
            }
            catch (CryptographicException)
            {
                unreadable++;
            }
        }

        return (values, unreadable);
    }

    private static async Task<List<(Guid Id, string?[] Values)>> ReadBatchAsync(DbConnection connection, string sql, Guid after, int columns, CancellationToken ct)
    {
        var rows = new List<(Guid, string?[])>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, new { After = after, Limit = BatchSize }, cancellationToken: ct));
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetValue(0) is Guid guid ? guid : Guid.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            var values = new string?[columns];
            for (var i = 0; i < columns; i++)
            {
                values[i] = await reader.IsDBNullAsync(i + 1, ct) ? null : reader.GetString(i + 1);
            }

            rows.Add((id, values));
        }

        return rows;
    }

    private static async Task<bool> UpdateAsync(DbConnection connection, SealedTable table, Guid id, string?[] old, string?[] rewritten, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("Id", id);
        for (var i = 0; i < old.Length; i++)
        {
            args.Add($"Old{i}", old[i], DbType.String);
            args.Add($"New{i}", rewritten[i], DbType.String);
        }

        return await connection.ExecuteAsync(new CommandDefinition(table.Update, args, cancellationToken: ct)) == 1;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encryption of {Table}: {Rows} rows rewritten ({Values} values); {Unreadable} values could not be read with the configured keys")]
    private static partial void TableDone(ILogger logger, string table, int rows, int values, int unreadable);
}

/// <summary>What one run of the re-encryption rewrote, and how many values no configured key could open.</summary>
internal sealed record ReEncryptionReport(int RowsRewritten, int ValuesRewritten, int ValuesUnreadable)
{
    public ReEncryptionReport Add(ReEncryptionReport other) =>
        new(RowsRewritten + other.RowsRewritten, ValuesRewritten + other.ValuesRewritten, ValuesUnreadable + other.ValuesUnreadable);
}
