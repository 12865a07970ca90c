using System.Security.Cryptography;
using ReferralApi.Features.Attachments;
using ReferralApi.Infrastructure.Security.Encryption;

namespace ReferralApi.Features.Privacy;

/// <summary>
/// The <c>reencrypt</c> command: rewrites every sealed value that an older key wrote with the
/// active key, so the older key can then be removed from <c>Encryption:Keys</c>. Values stored in
/// the clear before encryption at rest existed are sealed too. Safe to run while the API serves
/// requests and to run again: each row is updated only if it did not change since it was read.
/// Each batch works in a scope (one connection) of its own.
/// </summary>
internal sealed partial class ReEncryption(IServiceScopeFactory scopes, KeyRing keys, ChunkReEncryption chunks, ILogger<ReEncryption> logger)
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

        var attachments = await chunks.RunAsync(keys.ActiveKeyId, ct);
        TableDone(logger, "attachment_chunks", attachments.RowsRewritten, attachments.ValuesRewritten, attachments.ValuesUnreadable);
        return total.Add(attachments);
    }

    private async Task<ReEncryptionReport> RunAsync(SealedTable table, CancellationToken ct)
    {
        var report = new ReEncryptionReport(0, 0, 0);
        var after = table.First;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<SealedTableStore>();
            var batch = await store.ReadBatchAsync(table, after, BatchSize, ct);
            foreach (var (id, stored) in batch)
            {
                var (rewritten, unreadable) = Reseal(table, id, stored);
                var changed = rewritten.Zip(stored).Count(pair => !ReferenceEquals(pair.First, pair.Second));
                if (changed > 0 && await store.UpdateAsync(table, id, stored, rewritten, ct))
                {
                    report = report.Add(new ReEncryptionReport(1, changed, 0));
                }

                report = report.Add(new ReEncryptionReport(0, 0, unreadable));
            }

            if (batch.Count < BatchSize)
            {
                return report;
            }

            after = batch[^1].Key;
        }
    }

    /// <summary>The row's values with each one that is not under the active key sealed again; unreadable values stay as they are.</summary>
    private (string?[] Values, int Unreadable) Reseal(SealedTable table, object id, string?[] stored)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-encryption of {Table}: {Rows} rows rewritten ({Values} values); {Unreadable} values could not be read with the configured keys")]
    private static partial void TableDone(ILogger logger, string table, int rows, int values, int unreadable);
}

/// <summary>What one run of the re-encryption rewrote, and how many values no configured key could open.</summary>
internal sealed record ReEncryptionReport(int RowsRewritten, int ValuesRewritten, int ValuesUnreadable)
{
    public ReEncryptionReport Add(ReEncryptionReport other) =>
        new(RowsRewritten + other.RowsRewritten, ValuesRewritten + other.ValuesRewritten, ValuesUnreadable + other.ValuesUnreadable);
}
