using System.Collections;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ReferralApi.Infrastructure.Data;

/// <summary>
/// The rows of a serving command, as Microsoft.Data.Sqlite reads them, except for what Dapper asks
/// of every column on every run to pick its cached row reader: the name and the type. The provider
/// decodes each name from UTF-8 into a new string on every call, and works out the type of a NULL
/// from the column's declared type through a new array of delegates; the two were about 10 % of the
/// bytes a status read allocated. The name and a NULL's declared type are fixed for a compiled
/// statement, so they are kept with it in the connection's <see cref="SqliteStatementCache"/>
/// (<see cref="StatementColumns"/>); every other call goes to the provider's reader.
/// </summary>
internal sealed class SqliteServingReader(SqliteDataReader inner, SqliteServingReader.StatementColumns columns) : DbDataReader
{
    /// <summary>The first result only; a later result of a multi-statement text has columns of its own.</summary>
    private bool firstResult = true;

    /// <summary>
    /// Columns, among the first 64, that held a value in a row read so far, with that value's
    /// storage class (two bits a column, over two words): the provider gives a later NULL in such a
    /// column the type of that value, and so does this reader.
    /// </summary>
    private ulong typedFromValue;
    private ulong storageLow;
    private ulong storageHigh;

    /// <summary>
    /// The provider's answer, worked out as the provider does (the test compares the two in every
    /// row): a value's type follows its storage class; a NULL's follows the last value seen in the
    /// column, else the column's declared type. The provider keeps the last value's class in an
    /// array it makes for every reader; here it is kept in three words, and the declared type's
    /// answer once per compiled statement.
    /// </summary>
    public override Type GetFieldType(int ordinal)
    {
        if (!firstResult || ordinal is < 0 or >= 64 || ordinal >= inner.FieldCount || inner.Handle is not { } statement)
        {
            return inner.GetFieldType(ordinal);
        }

        var bit = 1UL << ordinal;
        var storage = SQLitePCL.raw.sqlite3_column_type(statement, ordinal);
        if (storage != SQLitePCL.raw.SQLITE_NULL)
        {
            var code = (ulong)(storage - 1);
            typedFromValue |= bit;
            storageLow = (storageLow & ~bit) | ((code & 1) << ordinal);
            storageHigh = (storageHigh & ~bit) | ((code >> 1) << ordinal);
            return OfStorageClass(storage);
        }

        if ((typedFromValue & bit) != 0)
        {
            return OfStorageClass(1 + (int)((storageLow >> ordinal) & 1) + (2 * (int)((storageHigh >> ordinal) & 1)));
        }

        var types = columns.NullTypes(inner.FieldCount);
        return types[ordinal] ??= OfStorageClass(Affinity(inner.GetDataTypeName(ordinal)));
    }

    /// <summary>SQLite's storage classes (1 integer, 2 float, 3 text, 4 blob) as .NET types, as the provider maps them.</summary>
    private static Type OfStorageClass(int storage) => storage switch
    {
        SQLitePCL.raw.SQLITE_INTEGER => typeof(long),
        SQLitePCL.raw.SQLITE_FLOAT => typeof(double),
        SQLitePCL.raw.SQLITE_TEXT => typeof(string),
        _ => typeof(byte[]),
    };

    /// <summary>
    /// The storage class a declared type gives a column, by SQLite's affinity rules in their order
    /// (INT, then CHAR, CLOB or TEXT, then BLOB, then REAL, FLOA or DOUB, else text), as the
    /// provider applies them. A column with no declared type reads as BLOB here.
    /// </summary>
    private static int Affinity(string declared) =>
        Has(declared, "INT") ? SQLitePCL.raw.SQLITE_INTEGER
        : Has(declared, "CHAR") || Has(declared, "CLOB") || Has(declared, "TEXT") ? SQLitePCL.raw.SQLITE_TEXT
        : Has(declared, "BLOB") ? SQLitePCL.raw.SQLITE_BLOB
        : Has(declared, "REAL") || Has(declared, "FLOA") || Has(declared, "DOUB") ? SQLitePCL.raw.SQLITE_FLOAT
        : SQLitePCL.raw.SQLITE_TEXT;

    private static bool Has(string declared, string part) => declared.Contains(part, StringComparison.OrdinalIgnoreCase);

    public override string GetName(int ordinal)
    {
        if (!firstResult)
        {
            return inner.GetName(ordinal);
        }

        var names = columns.Names(inner.FieldCount);
        return names[ordinal] ??= inner.GetName(ordinal);
    }

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

    /// <summary>
    /// A compiled statement's column names, and the type the provider gives a column's NULL (from
    /// the declared type alone), as far as asked for.
    /// </summary>
    internal sealed class StatementColumns
    {
        private string?[] names = [];
        private Type?[] nullTypes = [];

        // A statement's column count changes only if SQLite recompiled it after a schema change.
        public string?[] Names(int count) => names.Length == count ? names : names = new string?[count];

        public Type?[] NullTypes(int count) => nullTypes.Length == count ? nullTypes : nullTypes = new Type?[count];
    }
}
