using System.Data.Common;
using Polly;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The one way a store reaches the database: one pooled connection per request (per scope),
/// opened on first use and shared by authentication, idempotency, the handler's stores and the
/// access log; and, for a change, one transaction, which the dialect supplies (on SQLite, a turn in
/// a group that commits together: <see cref="SqliteWriteGroups"/>). A statement outside a transaction is retried
/// alone on transient errors; inside one, the whole transaction is re-run by
/// <see cref="InTransactionAsync{T}"/>, so its work must only touch the database.
/// </summary>
internal sealed partial class UnitOfWork(DbDataSource dataSource, SqlDialect dialect, ResiliencePipeline retry) : IAsyncDisposable
{
    private DbConnection? connection;
    private DbTransaction? transaction;
    private List<Action>? afterCommit;
    private int readUnits;

    /// <summary>Rows still being read one at a time (<see cref="QueryUnbufferedAsync{T}"/>), which need the connection open.</summary>
    private int openStreams;

    public SqlDialect Dialect => dialect;

    /// <summary>
    /// Runs several reads as one unit: a transient failure re-runs all of them on a fresh
    /// connection, rather than each statement alone.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (transaction is not null || readUnits > 0)
        {
            return await work(ct);
        }

        return await retry.ExecuteAsync(async token =>
        {
            await OpenAsync(token);
            readUnits++;
            try
            {
                return await work(token);
            }
            catch (DbException e) when (dialect.IsTransient(e))
            {
                await DiscardAsync();
                throw;
            }
            finally
            {
                readUnits--;
            }
        }, ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it; a transient failure rolls
    /// back and re-runs the whole unit. Called inside a transaction, it joins it.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        if (transaction is not null)
        {
            return await work(ct);
        }

        var result = await retry.ExecuteAsync(async token =>
        {
            afterCommit = null;
            await using var write = await dialect.BeginWriteAsync(dataSource, ownConnection => OpenAsync(ownConnection).AsTask(), token);
            transaction = write.Transaction;
            var committing = false;
            try
            {
                var value = await work(token);
                committing = true;
                await write.CommitAsync(token);
                return value;
            }
            catch (DbException e) when (committing && e is not UnitRolledBackException && dialect.IsTransient(e))
            {
                await DiscardAsync();
                throw new CommitOutcomeUnknownException(e);
            }
            catch (Exception e) when ((e is DbException failure && dialect.IsTransient(failure)) || connection is not { State: System.Data.ConnectionState.Open })
            {
                // The connection may be the broken part: a retry starts on a fresh one.
                await DiscardAsync();
                throw;
            }
            finally
            {
                transaction = null;
            }
        }, ct);

        var committed = afterCommit;
        afterCommit = null;
        committed?.ForEach(action => action());
        return result;
    }

    /// <summary>Runs <paramref name="action"/> once the current transaction has committed, never if it rolls back.</summary>
    public void AfterCommit(Action action)
    {
        if (transaction is null)
        {
            throw new InvalidOperationException("No transaction is open.");
        }

        (afterCommit ??= []).Add(action);
    }

    /// <summary>
    /// Gives the unit's connection back to the pool while the request waits on something other
    /// than its own statements, such as the access log's group commit; the next statement opens
    /// one again. Inside a transaction or a read unit, or while rows are still being read, the
    /// connection stays. On SQLite this matters: a connection empties its page cache whenever
    /// another has committed since its last read. Held through the wait, every request's
    /// connection sat out at least one commit and read its pages again from the file; given back,
    /// the few most recently used connections serve most reads, and one commit costs each of them
    /// one reread.
    /// </summary>
    public Task ReleaseConnectionAsync() =>
        transaction is null && readUnits == 0 && openStreams == 0 ? DiscardAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync() => await DiscardAsync();

    /// <summary>A value task: the unit's connection is usually open already, and then nothing is allocated.</summary>
    private async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (connection is { State: System.Data.ConnectionState.Open })
        {
            return connection;
        }

        await DiscardAsync();
        var opened = await dialect.OpenAsync(dataSource, ct);
        connection = opened;
        return opened;
    }

    private async Task DiscardAsync()
    {
        if (connection is not null)
        {
            var discarded = connection;
            connection = null;
            await discarded.DisposeAsync();
        }
    }
}
