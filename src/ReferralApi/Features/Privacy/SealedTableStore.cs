using System.Data;
using System.Globalization;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Privacy;

/// <summary>Reads and rewrites the sealed columns of a <see cref="SealedTable"/>, for the re-encryption command.</summary>
internal sealed class SealedTableStore(UnitOfWork db)
{
    /// <summary>Up to <paramref name="limit"/> rows after <paramref name="after"/>, in id order: each id with its sealed values in column order.</summary>
    public async Task<List<(Guid Id, string?[] Values)>> ReadBatchAsync(SealedTable table, Guid after, int limit, CancellationToken ct)
    {
        // Read untyped, as the number of columns differs from table to table; fields keep the SELECT's order (id first).
        var rows = await db.QueryAsync<object>(table.SelectBatch(db.Dialect), new { After = after, Limit = limit }, ct);
        var batch = new List<(Guid, string?[])>(rows.Count);
        foreach (var row in rows)
        {
            var fields = ((IEnumerable<KeyValuePair<string, object?>>)row).Select(field => field.Value is DBNull ? null : field.Value).ToArray();
            var id = fields[0] is Guid guid ? guid : Guid.Parse((string)fields[0]!, CultureInfo.InvariantCulture);
            batch.Add((id, [.. fields.Skip(1).Take(table.Columns.Count).Select(value => (string?)value)]));
        }

        return batch;
    }

    /// <summary>Writes the rewritten values, unless a column changed since it was read; true when the row was updated.</summary>
    public async Task<bool> UpdateAsync(SealedTable table, Guid id, string?[] old, string?[] rewritten, CancellationToken ct)
    {
        var args = new DynamicParameters();
        args.Add("Id", id);
        for (var i = 0; i < old.Length; i++)
        {
            args.Add($"Old{i}", old[i], DbType.String);
            args.Add($"New{i}", rewritten[i], DbType.String);
        }

        return await db.ExecuteAsync(table.Update, args, ct) == 1;
    }
}
