using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The statements a store runs, through Dapper, on the unit's connection: inside its transaction
/// when one is open, otherwise each alone (see <see cref="RunAsync{T}"/>). A batch of writes the
/// dialect combines goes straight to the driver (<see cref="TryExecuteCombinedAsync"/>).
/// </summary>
internal sealed partial class UnitOfWork
{
    /// <summary>A write: outside a transaction it waits for its turn like a transaction would.</summary>
    public Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct) =>
        RunAsync((c, t, token) => c.ExecuteAsync(Command(sql, args, t, token)), ct, writes: true);

    /// <summary>Writes to gather and send together (<see cref="StatementBatch"/>).</summary>
    public StatementBatch Batch() => new(this);

    /// <summary>
    /// Writes sent together as the dialect combines them (<see cref="SqlDialect.Combine"/>), in the
    /// unit's transaction; false, with nothing sent, where it does not combine them.
    /// </summary>
    public async Task<bool> TryExecuteCombinedAsync(IReadOnlyList<(string Sql, object? Args)> statements, CancellationToken ct)
    {
        var open = transaction ?? throw new InvalidOperationException("Writes are combined only inside the unit's transaction.");
        await using var batch = dialect.Combine(open.Connection!, statements);
        if (batch is null)
        {
            return false;
        }

        batch.Transaction = open;
        await batch.ExecuteNonQueryAsync(ct);
        return true;
    }

    /// <summary>Whether a transaction is open on the unit (<see cref="InTransactionAsync{T}"/>).</summary>
    public bool InTransaction => transaction is not null;

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync((c, t, token) => c.ExecuteScalarAsync<T>(Command(sql, args, t, token)), ct);

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync((c, t, token) => c.QuerySingleOrDefaultAsync<T>(Command(sql, args, t, token)), ct);

    public Task<T> QuerySingleAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync((c, t, token) => c.QuerySingleAsync<T>(Command(sql, args, t, token)), ct);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync(async (c, t, token) => AsList(await c.QueryAsync<T>(Command(sql, args, t, token))), ct);

    private CommandDefinition Command(string sql, object? args, DbTransaction? transaction, CancellationToken ct)
    {
        var (text, parameters) = dialect.Parameters(sql, args);
        return new CommandDefinition(text, parameters, transaction, cancellationToken: ct);
    }

    /// <summary>Dapper's buffered answer is already a list; it is copied only if it is not.</summary>
    private static IReadOnlyList<T> AsList<T>(IEnumerable<T> rows) => rows as IReadOnlyList<T> ?? [.. rows];

    /// <summary>
    /// Rows one at a time, for reads too large to hold: not retried, since rows already handed on
    /// cannot be taken back; wrap it in <see cref="ReadAsync{T}"/> to re-run the whole read instead.
    /// </summary>
    public async IAsyncEnumerable<T> QueryUnbufferedAsync<T>(string sql, object? args, [EnumeratorCancellation] CancellationToken ct)
    {
        var open = transaction is null ? await OpenAsync(ct) : transaction.Connection!;
        var (text, parameters) = dialect.Parameters(sql, args);
        openStreams++;
        try
        {
            await foreach (var row in open.QueryUnbufferedAsync<T>(text, parameters, transaction).WithCancellation(ct))
            {
                yield return row;
            }
        }
        finally
        {
            openStreams--;
        }
    }

    private Task<T> RunAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> statement, CancellationToken ct, bool writes = false)
    {
        if (transaction is not null)
        {
            return statement(transaction.Connection!, transaction, ct);
        }

        if (readUnits > 0)
        {
            return statement(connection!, null, ct);
        }

        return RunAloneAsync(statement, writes, ct);
    }

    /// <summary>
    /// A statement on its own: its first attempt runs outside the retry pipeline, since almost
    /// every statement succeeds at once and the pipeline's bookkeeping would cost each of them;
    /// a transient failure hands it to the pipeline, whose retries it then gets in full.
    /// </summary>
    private async Task<T> RunAloneAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> statement, bool writes, CancellationToken ct)
    {
        try
        {
            return await AttemptAsync(statement, writes, ct);
        }
        catch (DbException e) when (dialect.IsTransient(e))
        {
            // Retried below.
        }

        return await retry.ExecuteAsync(async token => await AttemptAsync(statement, writes, token), ct);
    }

    private async Task<T> AttemptAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> statement, bool writes, CancellationToken ct)
    {
        if (writes && await dialect.BeginSingleWriteAsync(dataSource, ct) is { } single)
        {
            await using (single)
            {
                var value = await statement(single.Transaction.Connection!, single.Transaction, ct);
                await single.CommitAsync(ct);
                return value;
            }
        }

        var open = await OpenAsync(ct);
        try
        {
            return await statement(open, null, ct);
        }
        catch (DbException e) when (dialect.IsTransient(e))
        {
            // The connection may be the broken part: the retry starts on a fresh one.
            await DiscardAsync();
            throw;
        }
    }
}
