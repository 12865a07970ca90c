using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// A command of a <see cref="SqliteServingConnection"/>: it runs on a command leased from the
/// connection's <see cref="SqliteStatementCache"/> by its text, so a statement seen before on that
/// connection is not compiled again. Its own state (transaction, timeout, type) is applied to the
/// leased command at each run, and the lease ends when it is disposed.
/// </summary>
internal sealed class SqliteServingCommand(SqliteServingConnection connection) : DbCommand
{
    /// <summary>Prefixed names, made once: there are as many as the statements' parameter names.</summary>
    private static readonly ConcurrentDictionary<string, string> AtNames = new(StringComparer.Ordinal);

    private SqliteCommand? leased;
    private SqliteStatementCache? statements;
    private int? timeout;
    private SqliteServingTransaction? transaction;
    private string commandText = string.Empty;

    /// <summary>
    /// Only recorded: the command is leased by its text when it runs (<see cref="Ready"/>), since
    /// Dapper rewrites the text after adding parameters when it expands a list, and goes on adding
    /// parameters to the collection it already holds.
    /// </summary>
    [AllowNull]
    public override string CommandText
    {
        get => commandText;
        set => commandText = value ?? string.Empty;
    }

    /// <summary>The connection string's default (<c>Default Timeout</c>) unless set.</summary>
    public override int CommandTimeout
    {
        get => timeout ?? leased?.Connection?.DefaultTimeout ?? SqliteServingConnection.DefaultTimeout;
        set => timeout = value;
    }

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set => throw new NotSupportedException("A serving command stays on the connection that created it.");
    }

    protected override DbParameterCollection DbParameterCollection => Leased().Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => transaction;
        set => transaction = value switch
        {
            null => null,
            SqliteServingTransaction own when ReferenceEquals(own.Connection, connection) => own,
            _ => throw new InvalidOperationException("The transaction belongs to another connection."),
        };
    }

    public override void Cancel() => leased?.Cancel();

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();

    public override object? ExecuteScalar() => Ready().ExecuteScalar();

    public override void Prepare() => Ready().Prepare();

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var command = Ready();
        return new SqliteServingReader(command.ExecuteReader(behavior), statements!.ColumnsOf(command));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && leased is not null)
        {
            Release(leased);
            leased = null;
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Dapper names a parameter without its prefix (<c>Agency</c> for <c>@Agency</c>), and
    /// Microsoft.Data.Sqlite then tries each prefix it knows in turn, allocating a name and its
    /// UTF-8 bytes for each try, on every run. Every statement of this project writes its
    /// parameters as <c>@name</c> (the one form SQL Server accepts too), so that is the name given.
    /// </summary>
    private static void NameAsWritten(SqliteParameterCollection parameters)
    {
        // By index: the collection's enumerator is a boxed one, made anew on every run.
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            var name = parameter.ParameterName;
            if (name.Length > 0 && name[0] is not ('@' or '$' or ':'))
            {
                parameter.ParameterName = AtNames.GetOrAdd(name, static n => "@" + n);
            }
        }
    }

    /// <summary>
    /// The leased command, leased by the current text on first need from the statements of the
    /// connection as it is then. Parameters added before the text is set, or before the
    /// connection opens (Dapper adds them first, then opens a closed connection), wait on a
    /// command of no connection until the run.
    /// </summary>
    private SqliteCommand Leased()
    {
        if (leased is not null)
        {
            return leased;
        }

        if (commandText.Length == 0 || connection.State != ConnectionState.Open)
        {
            return leased = new SqliteCommand();
        }

        statements = connection.Statements;
        return leased = statements.Lease(commandText);
    }

    private SqliteCommand Ready()
    {
        if (commandText.Length == 0)
        {
            throw new InvalidOperationException("The command has no text.");
        }

        var command = Leased();
        if (command.CommandText != commandText)
        {
            // Parameters were added under another text, or before the text or the connection was
            // there (on a command of no connection and no text): they move to the command of this
            // text on this connection.
            var previous = command;
            statements ??= connection.Statements;
            command = statements.Lease(commandText);
            foreach (SqliteParameter parameter in previous.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            previous.Parameters.Clear();
            Release(previous);
            leased = command;
        }

        NameAsWritten(command.Parameters);
        command.Transaction = transaction?.Inner;
        command.CommandTimeout = timeout ?? command.Connection!.DefaultTimeout;
        command.CommandType = CommandType;
        return command;
    }

    /// <summary>Gives a command back to the statements it came from; one of no connection is only disposed.</summary>
    private void Release(SqliteCommand command)
    {
        if (command.Connection is null)
        {
            command.Dispose();
        }
        else
        {
            statements!.Return(command);
        }
    }
}
