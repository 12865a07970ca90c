using System.Data;
using System.Globalization;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Privacy;

/// <summary>Reads and rewrites the sealed columns of a <see cref="SealedTable"/>, for the re-encryption command.</summary>
internal sealed class SealedTableStore(UnitOfWork db)
{
    /// <summary>
    /// Up to <paramref name="limit"/> rows after <paramref name="after"/>, in key order: each key (an
    /// id, or a log's sequence number) with its sealed values in column order.
    /// </summary>
    public async Task<List<(object Key, string?[] Values)>> ReadBatchAsync(SealedTable table, object after, int limit, CancellationToken ct)
    {
        // Read untyped, as the number of columns differs from table to table; fields keep the SELECT's order (key first).
        var rows = await db.QueryAsync<object>(table.SelectBatch(db.Dialect), new { After = after, Limit = limit }, ct);
        var batch = new List<(object, string?[])>(rows.Count);
        foreach (var row in rows)
        {
            var fields = ((IEnumerable<KeyValuePair<string, object?>>)row).Select(field => field.Value is DBNull ? null : field.Value).ToArray();
            batch.Add((KeyOf(fields[0]!), [.. fields.Skip(1).Take(table.Columns.Count).Select(value => (string?)value)]));
        }

        return batch;
    }

    /// <summary>Writes the rewritten values, unless a column changed since it was read; true when the row was updated.</summary>
    public async Task<bool> UpdateAsync(SealedTable table, object key, string?[] old, string?[] rewritten, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("Id", key);
        for (var i = 0; i < old.Length; i++)
        {
            args.Add($"Old{i}", old[i], DbType.String);
            args.Add($"New{i}", rewritten[i], DbType.String);
        }

        return await db.ExecuteAsync(table.Update, args, ct) == 1;
    }

    /// <summary>A Guid id (text on SQLite), or a sequence number (whatever integer type the engine answers).</summary>
    private static object KeyOf(object field) => field switch
    {
        Guid id => id,
        string text => Guid.Parse(text, CultureInfo.InvariantCulture),
        _ => Convert.ToInt64(field, CultureInfo.InvariantCulture),
    };
}
