namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Writes gathered to go to the database together, in the order they were added, inside the
/// unit's transaction. Where the dialect sends them as one batch
/// (<see cref="SqlDialect.Combine"/>: PostgreSQL, in one round trip), it does; elsewhere each runs
/// in turn, as it would alone. Either way the first statement to fail stops the rest, its error
/// is the batch's, and the transaction it spoiled is rolled back by the unit.
/// </summary>
internal sealed class StatementBatch(UnitOfWork unit)
{
    private readonly List<(string Sql, object? Args)> statements = [];

    /// <summary>
    /// Whether the batch travels in one round trip on this engine; where it does not, a store may add
    /// statements it always sends as one command of its own together, as one entry.
    /// </summary>
    public bool TravelsAsOne => unit.Dialect.CombinesBatches;

    public void Add(string sql, object? args) => statements.Add((sql, args));

    public async Task ExecuteAsync(CancellationToken ct)
    {
        if (!unit.InTransaction)
        {
            // One by one outside a transaction, each statement would commit alone and a retry re-run only the one that failed.
            throw new InvalidOperationException("A batch of writes runs inside the unit's transaction.");
        }

        try
        {
            if (statements.Count > 1 && await unit.TryExecuteCombinedAsync(statements, ct))
            {
                return;
            }

            foreach (var (sql, args) in statements)
            {
                await unit.ExecuteAsync(sql, args, ct);
            }
        }
        finally
        {
            statements.Clear();
        }
    }
}
