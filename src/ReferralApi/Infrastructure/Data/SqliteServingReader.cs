using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The rows of a serving command, as Microsoft.Data.Sqlite reads them, except for the column names,
/// which Dapper asks for on every run to pick its cached row reader. The provider decodes each from
/// UTF-8 into a new string on every call, about 4 % of the bytes a status read allocated. A
/// compiled statement's names are fixed, so they are kept with it in the connection's
/// <see cref="SqliteStatementCache"/> (<see cref="StatementColumns"/>); every other call goes to
/// the provider's reader.
/// </summary>
internal sealed class SqliteServingReader(SqliteDataReader inner, SqliteServingReader.StatementColumns columns) : DbDataReader
{
    /// <summary>The first result only; a later result of a multi-statement text has columns of its own.</summary>
    private bool firstResult = true;

    public override string GetName(int ordinal)
    {
        if (!firstResult)
        {
            return inner.GetName(ordinal);
        }

        var names = columns.Names(inner.FieldCount);
        return names[ordinal] ??= inner.GetName(ordinal);
    }

    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

    public override bool Read() => inner.Read();

    public override bool NextResult()
    {
        firstResult = false;
        return inner.NextResult();
    }

    public override int FieldCount => inner.FieldCount;

    public override object this[int ordinal] => inner[ordinal];

    public override object this[string name] => inner[name];

    public override int RecordsAffected => inner.RecordsAffected;

    public override bool HasRows => inner.HasRows;

    public override bool IsClosed => inner.IsClosed;

    public override int Depth => inner.Depth;

    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

    public override char GetChar(int ordinal) => inner.GetChar(ordinal);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

    public override int GetOrdinal(string name) => inner.GetOrdinal(name);

    public override string GetString(int ordinal) => inner.GetString(ordinal);

    public override object GetValue(int ordinal) => inner.GetValue(ordinal);

    public override int GetValues(object[] values) => inner.GetValues(values);

    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);

    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);

    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);

    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

    public override System.Data.DataTable? GetSchemaTable() => inner.GetSchemaTable();

    public override IEnumerator GetEnumerator() => ((IEnumerable)inner).GetEnumerator();

    public override void Close() => inner.Close();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A compiled statement's column names, as far as asked for.</summary>
    internal sealed class StatementColumns
    {
        private string?[] names = [];

        // A statement's column count changes only if SQLite recompiled it after a schema change.
        public string?[] Names(int count) => names.Length == count ? names : names = new string?[count];
    }
}
