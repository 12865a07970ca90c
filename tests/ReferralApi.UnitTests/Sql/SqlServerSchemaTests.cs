namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// Choices in the SQL Server schema that keep it behaving like the other engines, checked on the
/// parsed script so a later edit cannot quietly undo them.
/// </summary>
public sealed class SqlServerSchemaTests
{
    [Fact]
    public void TextColumns_AreNVarChar_SoStringParametersNeverConvertTheColumn()
    {
        // SqlClient sends .NET strings as nvarchar; against a varchar column SQL Server converts the
        // column, not the parameter, and an index seek becomes a scan.
        var columns = Columns();
        var offenders = columns
            .Where(c => c.Type is "VarChar" or "Char" or "Text" or "NText" or "NChar")
            .Select(c => $"{c.Table}.{c.Name} ({c.Type})")
            .ToList();

        Assert.NotEmpty(columns);
        Assert.True(offenders.Count == 0, "Non-nvarchar text columns: " + string.Join(", ", offenders));
    }

    [Theory]
    [InlineData("idempotency_keys", "idempotency_key")]
    [InlineData("api_keys", "prefix")]
    [InlineData("referrals", "external_reference")]
    public void ExactValues_UseABinaryCollation(string table, string column)
    {
        // PostgreSQL and SQLite compare these byte for byte; SQL Server's default collation would
        // make "abc" and "ABC" the same idempotency key or the same external reference.
        var definition = Assert.Single(Columns(), c => c.Table == table && c.Name == column);

        Assert.EndsWith("_BIN2", definition.Collation ?? "(database default)", StringComparison.Ordinal);
    }

    private static IReadOnlyList<SqlServerColumns.Column> Columns() => SqlServerColumns.All();
}
