using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A connection handed out by <see cref="SqliteServingSource"/>: opening it leases one of the
/// source's open SQLite connections with its compiled statements, closing it gives that back.
/// </summary>
internal sealed class SqliteServingConnection(SqliteServingSource source) : DbConnection
{
    private SqliteStatementCache? session;
    private SqliteServingTransaction? transaction;

    /// <summary>The SQLite connection underneath, while open.</summary>
    public SqliteConnection Inner => Session.Connection;

    /// <summary>Microsoft.Data.Sqlite's default command timeout, in seconds, for a command not yet run.</summary>
    public const int DefaultTimeout = 30;

    /// <summary>The leased connection's compiled statements.</summary>
    public SqliteStatementCache Statements => Session;

    [AllowNull]
    public override string ConnectionString
    {
        get => source.ConnectionString;
        set => throw new NotSupportedException("A serving connection's connection string is its source's.");
    }

    public override string Database => "main";

    public override string DataSource => Session.Connection.DataSource;

    public override string ServerVersion => Session.Connection.ServerVersion;

    public override ConnectionState State => session is null ? ConnectionState.Closed : ConnectionState.Open;

    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("SQLite has one database per file.");

    public override void Open()
    {
        if (session is not null)
        {
            throw new InvalidOperationException("The connection is already open.");
        }

        session = source.Lease();
    }

    public override Task OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Open();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Gives the SQLite connection back: a transaction still open is rolled back first, and a
    /// command still leased (a reader left open, a command that outlives its connection) keeps
    /// the SQLite connection from being reused at all.
    /// </summary>
    public override void Close()
    {
        if (session is not { } leased)
        {
            return;
        }

        session = null;
        var open = transaction;
        transaction = null;
        open?.Dispose();
        source.Return(leased);
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        transaction = new SqliteServingTransaction(this, Session.Connection.BeginTransaction(isolationLevel));

    /// <summary>A command may be created before the connection opens; it finds its statements when it runs.</summary>
    protected override DbCommand CreateDbCommand() => new SqliteServingCommand(this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private SqliteStatementCache Session =>
        session ?? throw new InvalidOperationException("The connection is not open.");
}
