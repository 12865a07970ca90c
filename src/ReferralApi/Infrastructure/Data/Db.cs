using System.Data.Common;
using Polly;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The one way the stores reach the database: pooled connections from the data source, and
/// whole transactions re-run by the <c>database</c> resilience pipeline on transient errors only.
/// </summary>
internal sealed class Db(DbDataSource dataSource, SqlDialect dialect, ResiliencePipeline retry)
{
    public SqlDialect Dialect => dialect;

    /// <summary>Runs <paramref name="work"/> on an open connection; retried whole on transient errors.</summary>
    public Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken ct) =>
        retry.ExecuteAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await dialect.PrepareAsync(connection, token);
            return await work(connection, token);
        }, ct).AsTask();

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it; a transient failure rolls
    /// back and re-runs the whole unit, so <paramref name="work"/> must only touch the database.
    /// </summary>
    public Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken ct) =>
        retry.ExecuteAsync(async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            await dialect.PrepareAsync(connection, token);
            await using var transaction = await connection.BeginTransactionAsync(token);
            var result = await work(connection, transaction, token);
            await transaction.CommitAsync(token);
            return result;
        }, ct).AsTask();
}
