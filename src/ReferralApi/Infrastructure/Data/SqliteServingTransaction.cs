using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A transaction of a <see cref="SqliteServingConnection"/>, so that its <c>Connection</c>
/// is the serving connection (whose commands reuse compiled statements) rather than the SQLite
/// connection underneath. Savepoints run as statements compiled once on that connection.
/// </summary>
internal sealed class SqliteServingTransaction(SqliteServingConnection connection, SqliteTransaction inner) : DbTransaction
{
    public SqliteTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    public override bool SupportsSavepoints => true;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => inner.Commit();

    public override void Rollback() => inner.Rollback();

    public override void Save(string savepointName) => Run("SAVEPOINT ", savepointName);

    public override void Rollback(string savepointName) => Run("ROLLBACK TO SAVEPOINT ", savepointName);

    public override void Release(string savepointName) => Run("RELEASE SAVEPOINT ", savepointName);

    /// <summary>
    /// A savepoint statement on the connection's compiled statements: the provider's own runs each
    /// through a new command, compiled every time. The provider refuses it, as it would its own,
    /// once the transaction has ended, and also after SQLite rolled the transaction back by itself,
    /// where a savepoint would otherwise open a new transaction.
    /// </summary>
    private void Run(string statement, string savepointName)
    {
        var statements = connection.Statements;
        var command = statements.Lease(statement + "\"" + savepointName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\";");
        try
        {
            command.Transaction = inner;
            command.ExecuteNonQuery();
        }
        finally
        {
            statements.Return(command);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
