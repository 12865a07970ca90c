using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>Indexes and the statements that rely on them, as SQL Server will see them.</summary>
public sealed class SqlServerIndexTests
{
    [Fact]
    public void FilteredIndexes_CarryTheColumnsOfTheirFilter()
    {
        // Otherwise SQL Server looks every row up in the table to re-check the filter's conditions.
        var filtered = FilteredIndexes();
        var missing = filtered.Values
            .SelectMany(index => FilterColumns(index).Except(IndexedColumns(index), StringComparer.OrdinalIgnoreCase)
                .Select(column => $"{index.Name.Value}: {column}"))
            .ToList();

        Assert.True(filtered.Count >= 5, $"Only {filtered.Count} filtered indexes found.");
        Assert.True(missing.Count == 0, "Filter columns neither key nor INCLUDE: " + string.Join(", ", missing));
    }

    [Fact]
    public void SqlServerOnlyStatements_CompareFilteredColumnsWithNVarCharLiterals()
    {
        // A filtered index is matched to a query only when the query's literal has the filter's type:
        // status = 'pending' (varchar) does not match WHERE status = N'pending'.
        var filterColumns = FilteredIndexes().Values
            .SelectMany(index => FilterColumns(index).Select(column => (Table: SqlServerScript.Name(index.OnName), Column: column)))
            .ToHashSet();
        // The statements SQL Server alone receives, and those the dialect writes for it (its literals are N'...').
        var statements = ApplicationSql.ForSqlServer().Where(s => s.Source.Contains("SqlServer", StringComparison.Ordinal))
            .Concat(DialectStatements.ForSqlServer())
            .ToList();
        var offenders = new List<string>();
        foreach (var statement in statements)
        {
            foreach (var parsed in SqlServerScript.Statements(statement.Sql))
            {
                var tables = Tables(parsed);
                foreach (var (column, literal) in Comparisons(parsed))
                {
                    var table = column.MultiPartIdentifier.Identifiers.Count > 1
                        ? tables.GetValueOrDefault(column.MultiPartIdentifier.Identifiers[^2].Value)
                        : tables.Values.Distinct().Count() == 1 ? tables.Values.First() : null;
                    if (table is not null && !literal.IsNational && filterColumns.Contains((table, SqlServerScript.Column(column)!)))
                    {
                        offenders.Add($"{statement.Source}: {table}.{SqlServerScript.Column(column)} = '{literal.Value}'");
                    }
                }
            }
        }

        Assert.NotEmpty(statements);
        Assert.True(offenders.Count == 0, "varchar literals against filtered columns: " + string.Join("; ", offenders));
    }

    [Theory]
    [InlineData("SqlServer")]
    [InlineData("PostgreSql")]
    [InlineData("Sqlite")]
    public void ConsentWithdrawals_AreIndexedByReferral_OnEveryEngine(string engine)
    {
        // Retention clears a referral's withdrawal notes by referral_id.
        var scripts = string.Join('\n', MigrationScripts.Names(engine).Select(name => MigrationScripts.Read(engine, name)));

        Assert.Matches(@"CREATE INDEX \w+ ON consent_withdrawals \(referral_id\b", scripts);
    }

    /// <summary>The last definition of each filtered index (DROP_EXISTING redefines one).</summary>
    private static Dictionary<string, CreateIndexStatement> FilteredIndexes()
    {
        var indexes = new Dictionary<string, CreateIndexStatement>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, statement) in SqlServerScript.MigrationStatements())
        {
            if (statement is CreateIndexStatement index)
            {
                indexes[index.Name.Value] = index;
            }
        }

        return indexes.Where(x => x.Value.FilterPredicate is not null).ToDictionary(x => x.Key, x => x.Value, StringComparer.OrdinalIgnoreCase);
    }

    private static IEnumerable<string> FilterColumns(CreateIndexStatement index) =>
        SqlServerScript.All<ColumnReferenceExpression>(index.FilterPredicate).Select(c => SqlServerScript.Column(c)!).Distinct(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> IndexedColumns(CreateIndexStatement index) =>
        index.Columns.Select(c => SqlServerScript.Column(c.Column)!).Concat(index.IncludeColumns.Select(c => SqlServerScript.Column(c)!));

    /// <summary>Exposed name (alias, or the table's own) → table name.</summary>
    private static Dictionary<string, string> Tables(TSqlFragment statement)
    {
        var tables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in SqlServerScript.All<NamedTableReference>(statement))
        {
            tables[table.Alias?.Value ?? SqlServerScript.Name(table.SchemaObject)] = SqlServerScript.Name(table.SchemaObject);
        }

        return tables;
    }

    private static IEnumerable<(ColumnReferenceExpression Column, StringLiteral Literal)> Comparisons(TSqlFragment statement)
    {
        foreach (var comparison in SqlServerScript.All<BooleanComparisonExpression>(statement))
        {
            if (comparison is { FirstExpression: ColumnReferenceExpression column, SecondExpression: StringLiteral literal })
            {
                yield return (column, literal);
            }
        }

        foreach (var list in SqlServerScript.All<InPredicate>(statement))
        {
            if (list.Expression is ColumnReferenceExpression column)
            {
                foreach (var literal in list.Values.OfType<StringLiteral>())
                {
                    yield return (column, literal);
                }
            }
        }
    }
}
