using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A transaction of a <see cref="SqliteServingConnection"/>, so that its <c>Connection</c>
/// is the serving connection (whose commands reuse compiled statements) rather than the SQLite
/// connection underneath. Savepoints pass through.
/// </summary>
internal sealed class SqliteServingTransaction(SqliteServingConnection connection, SqliteTransaction inner) : DbTransaction
{
    public SqliteTransaction Inner => inner;

    public override IsolationLevel IsolationLevel => inner.IsolationLevel;

    public override bool SupportsSavepoints => true;

    protected override DbConnection DbConnection => connection;

    public override void Commit() => inner.Commit();

    public override void Rollback() => inner.Rollback();

    public override void Save(string savepointName) => inner.Save(savepointName);

    public override void Rollback(string savepointName) => inner.Rollback(savepointName);

    public override void Release(string savepointName) => inner.Release(savepointName);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
