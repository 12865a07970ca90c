namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// Writes gathered to go to the database together, in the order they were added, inside the
/// unit's transaction. Where the dialect can send them as one command
/// (<see cref="SqlDialect.Combine"/>: PostgreSQL, in one round trip), it does; elsewhere each runs
/// in turn, as it would alone. Either way the first statement to fail stops the rest, and its
/// error is the batch's.
/// </summary>
internal sealed class StatementBatch(UnitOfWork unit)
{
    private readonly List<(string Sql, object? Args)> statements = [];

    public void Add(string sql, object? args) => statements.Add((sql, args));

    public async Task ExecuteAsync(CancellationToken ct)
    {
        if (statements.Count > 1 && unit.Dialect.Combine(statements) is { } one)
        {
            await unit.ExecuteAsync(one.Sql, one.Args, ct);
        }
        else
        {
            foreach (var (sql, args) in statements)
            {
                await unit.ExecuteAsync(sql, args, ct);
            }
        }

        statements.Clear();
    }
}
