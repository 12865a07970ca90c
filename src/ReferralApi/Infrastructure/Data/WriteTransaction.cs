using System.Data.Common;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The transaction a unit of work writes in (<see cref="SqlDialect.BeginWriteAsync"/>). Disposing
/// it without <see cref="CommitAsync"/> undoes the unit's work.
/// </summary>
internal abstract class WriteTransaction : IAsyncDisposable
{
    /// <summary>Statements of the unit run in it, on its connection.</summary>
    public abstract DbTransaction Transaction { get; }

    /// <summary>
    /// Makes the unit's work durable. Throws the engine's exception when it certainly did not, and
    /// <see cref="CommitOutcomeUnknownException"/> when it cannot tell.
    /// </summary>
    public abstract Task CommitAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A transaction of the unit's own connection: what every engine but SQLite writes in.</summary>
internal sealed class OwnTransaction(DbConnection connection, DbTransaction transaction) : WriteTransaction
{
    private bool ended;

    public override DbTransaction Transaction => transaction;

    public static async Task<WriteTransaction> BeginAsync(DbConnection connection, CancellationToken ct) =>
        new OwnTransaction(connection, await connection.BeginTransactionAsync(ct));

    public override async Task CommitAsync(CancellationToken ct)
    {
        await transaction.CommitAsync(ct);
        ended = true;
        await transaction.DisposeAsync();
    }

    /// <summary>
    /// Disposing a transaction that did not commit rolls it back. A rollback that fails leaves the
    /// connection in doubt, so it is closed rather than handed back to the pool for another request.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        if (ended)
        {
            return;
        }

        ended = true;
        try
        {
            await transaction.DisposeAsync();
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            await connection.DisposeAsync();
        }
    }
}
