using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// The parameters Dapper binds for a statement and its arguments, onto a real
/// <see cref="SqlCommand"/> exactly as it would send them to SQL Server, without a server.
/// </summary>
internal static class SqlCommandCapture
{
    public sealed record Bound(string CommandText, IReadOnlyList<SqlParameter> Parameters);

    public static Bound Bind(string sql, object args)
    {
        // The process-wide type handlers the API registers at start-up, which change how Dapper binds uuids.
        DapperTypeHandlers.Register();
        using var connection = new CapturingConnection();
        Assert.Throws<CapturedException>(() => connection.Execute(new CommandDefinition(sql, args)));
        return connection.Command?.Captured ?? throw new InvalidOperationException("Dapper built no command.");
    }

    private sealed class CapturedException : Exception;

    private sealed class CapturingConnection : DbConnection
    {
        public CapturingCommand? Command { get; private set; }

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string ConnectionString { get; set; } = string.Empty;

        public override string Database => "capture";

        public override string DataSource => "capture";

        public override string ServerVersion => "16.0";

        public override ConnectionState State => ConnectionState.Open;

        public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();

        public override void Close()
        {
        }

        public override void Open()
        {
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();

        protected override DbCommand CreateDbCommand() => Command = new CapturingCommand();
    }

    /// <summary>
    /// Binds onto a SqlCommand's own parameter collection, and at execution keeps what was bound:
    /// Dapper clears the collection once a command has run.
    /// </summary>
    private sealed class CapturingCommand : DbCommand
    {
        private readonly SqlCommand inner = new();

        public Bound? Captured { get; private set; }

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }

        public override int CommandTimeout { get => inner.CommandTimeout; set => inner.CommandTimeout = value; }

        public override CommandType CommandType { get => inner.CommandType; set => inner.CommandType = value; }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; }

        protected override DbParameterCollection DbParameterCollection => inner.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override int ExecuteNonQuery() => throw Capture();

        public override object? ExecuteScalar() => throw Capture();

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => inner.CreateParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw Capture();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private CapturedException Capture()
        {
            Captured = new Bound(inner.CommandText, [.. inner.Parameters.Cast<SqlParameter>()]);
            return new CapturedException();
        }
    }
}
