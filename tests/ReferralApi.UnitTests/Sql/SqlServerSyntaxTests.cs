using System.Text;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// No SQL Server runs where the suite runs, so Microsoft's own T-SQL parser stands in for it:
/// every migration batch and every statement the application can send must parse without error.
/// </summary>
public sealed class SqlServerSyntaxTests
{
    // Floors below today's counts: a collector that silently finds nothing fails here instead of passing.
    private const int MinimumMigrationBatches = 15;
    private const int MinimumStatementFields = 30;
    private const int MinimumBuiltQueries = 10;

    [Fact]
    public void MigrationBatches_ParseAsTSql()
    {
        var batches = MigrationScripts.SqlServerBatches();

        Assert.True(batches.Count >= MinimumMigrationBatches, $"Only {batches.Count} SQL Server migration batches found; expected at least {MinimumMigrationBatches}.");
        AssertAllParse(batches);
    }

    [Fact]
    public void StatementFields_ParseAsTSql()
    {
        var statements = ApplicationSql.ForSqlServer();

        Assert.True(statements.Count >= MinimumStatementFields, $"Only {statements.Count} SQL statement fields found; expected at least {MinimumStatementFields}.");
        AssertAllParse(statements);
    }

    [Fact]
    public void BuiltQueries_ParseAsTSql()
    {
        var statements = BuiltQueries.All().Select(q => q.Statement).ToList();

        Assert.True(statements.Count >= MinimumBuiltQueries, $"Only {statements.Count} built queries; expected at least {MinimumBuiltQueries}.");
        AssertAllParse(statements);
    }

    [Fact]
    public void BuiltQueries_SupplyEveryParameterTheyUse()
    {
        var missing = BuiltQueries.All()
            .SelectMany(q => TSql.ParameterNames(q.Statement.Sql)
                .Except(q.Args.ParameterNames, StringComparer.OrdinalIgnoreCase)
                .Except(TSql.DeclaredVariables(q.Statement.Sql), StringComparer.OrdinalIgnoreCase)
                .Select(name => $"{q.Statement.Source}: @{name}"))
            .ToList();

        Assert.True(missing.Count == 0, "Parameters used but not supplied:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void EveryStore_DeclaresItsStatementsAsFields()
    {
        var withSql = ApplicationSql.Fields().Select(x => x.Field.DeclaringType!)
            .Concat(DialectStatements.Owners())
            .ToHashSet();
        var stores = typeof(Program).Assembly.GetTypes().Where(t => t.IsClass && t.Name.EndsWith("Store", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(stores);
        Assert.All(stores, store => Assert.Contains(store, withSql));
    }

    [Fact]
    public void DialectStatements_ParseAsTSql()
    {
        var statements = DialectStatements.ForSqlServer();

        Assert.NotEmpty(statements);
        AssertAllParse(statements);
    }

    [Fact]
    public void OtherEnginesOnlyStatements_ExistAndHaveTheirSqlServerForm()
    {
        // A renamed or removed statement must leave the list too, or the list would hide nothing and pass.
        var fields = ApplicationSql.Fields().Select(x => ApplicationSql.Name(x.Field)).ToHashSet(StringComparer.Ordinal);
        var sentToSqlServer = ApplicationSql.ForSqlServer().Select(s => s.Source).ToHashSet(StringComparer.Ordinal);

        Assert.All(ApplicationSql.OtherEnginesOnly, pair =>
        {
            Assert.Contains(pair.Key, fields);
            Assert.Contains(pair.Value, sentToSqlServer);
        });
    }

    [Fact]
    public void StatementsWithoutASqlServerForm_Exist()
    {
        var fields = ApplicationSql.Fields().Select(x => ApplicationSql.Name(x.Field)).ToHashSet(StringComparer.Ordinal);

        Assert.All(ApplicationSql.WithoutSqlServerForm, name => Assert.Contains(name, fields));
    }

    private static void AssertAllParse(IReadOnlyList<SqlStatement> statements)
    {
        var failures = new StringBuilder();
        foreach (var statement in statements)
        {
            var errors = TSql.Problems(statement.Sql);
            if (errors.Count > 0)
            {
                failures.AppendLine($"{statement.Source}: {string.Join("; ", errors)}")
                    .AppendLine(statement.Sql.Trim())
                    .AppendLine();
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{statements.Count} statements parsed as T-SQL.");
        Assert.True(failures.Length == 0, $"Statements that do not parse as T-SQL (SQL Server 2022):\n\n{failures}");
    }
}
