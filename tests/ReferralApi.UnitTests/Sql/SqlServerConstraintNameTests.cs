using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// Every constraint on SQL Server carries PostgreSQL's name (<c>table_pkey</c>, <c>table_column_fkey</c>),
/// so errors and later scripts can name it alike on both engines. The keys 0002 and 0003 left unnamed
/// are renamed by 0009; no script after it may leave one unnamed again.
/// </summary>
public sealed class SqlServerConstraintNameTests
{
    private const string RenamingScript = "0009_lookup_indexes_and_constraint_names.sql";

    [Fact]
    public void UnnamedConstraints_AreRenamedToPostgresNames()
    {
        var unnamed = Unnamed().Where(u => string.CompareOrdinal(u.Script, RenamingScript) < 0).Select(u => u.PostgresName).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(unnamed);
        Assert.Equal(unnamed, Renamed().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ScriptsFromTheRenamingOne_NameEveryConstraint()
    {
        var late = Unnamed().Where(u => string.CompareOrdinal(u.Script, RenamingScript) >= 0).Select(u => $"{u.Script}: {u.PostgresName}").ToList();

        Assert.Contains(RenamingScript, MigrationScripts.Names("SqlServer"));
        Assert.True(late.Count == 0, "Unnamed constraints (name them as PostgreSQL would): " + string.Join(", ", late));
    }

    /// <summary>Constraints declared without a name, each with the name PostgreSQL gives it by default.</summary>
    private static List<(string Script, string PostgresName)> Unnamed()
    {
        var found = new List<(string, string)>();
        foreach (var (script, statement) in SqlServerScript.MigrationStatements())
        {
            if (statement is CreateTableStatement table)
            {
                var name = SqlServerScript.Name(table.SchemaObjectName);
                foreach (var column in table.Definition.ColumnDefinitions)
                {
                    found.AddRange(column.Constraints.Where(IsUnnamed).Select(c => (script, PostgresName(name, column.ColumnIdentifier.Value, c))));
                    if (column.DefaultConstraint is { ConstraintIdentifier: null })
                    {
                        found.Add((script, $"{name}_{column.ColumnIdentifier.Value} default"));
                    }
                }

                found.AddRange(table.Definition.TableConstraints.Where(c => c.ConstraintIdentifier is null).Select(c => (script, PostgresName(name, null, c))));
            }
            else if (statement is AlterTableAddTableElementStatement alter)
            {
                var name = SqlServerScript.Name(alter.SchemaObjectName);
                found.AddRange(alter.Definition.ColumnDefinitions.SelectMany(column => column.Constraints
                    .Where(IsUnnamed)
                    .Select(c => (script, PostgresName(name, column.ColumnIdentifier.Value, c)))));
                found.AddRange(alter.Definition.TableConstraints.Where(c => c.ConstraintIdentifier is null).Select(c => (script, PostgresName(name, null, c))));
            }
        }

        return found;
    }

    // NOT NULL and NULL are column properties, not constraints with a name.
    private static bool IsUnnamed(ConstraintDefinition constraint) =>
        constraint.ConstraintIdentifier is null && constraint is not NullableConstraintDefinition;

    private static string PostgresName(string table, string? column, ConstraintDefinition constraint) => constraint switch
    {
        UniqueConstraintDefinition { IsPrimaryKey: true } => $"{table}_pkey",
        UniqueConstraintDefinition => $"{table}_{column}_key",
        ForeignKeyConstraintDefinition fk => $"{table}_{column ?? fk.Columns[0].Value}_fkey",
        CheckConstraintDefinition => $"{table}_{column}_check",
        _ => $"{table}_{column} {constraint.GetType().Name}",
    };

    /// <summary>The constraint names the renaming script's <c>@names</c> list gives.</summary>
    private static List<string> Renamed()
    {
        var insert = SqlServerScript.MigrationStatements()
            .Where(x => x.Script == RenamingScript)
            .Select(x => x.Statement)
            .OfType<InsertStatement>()
            .Single();
        var rows = Assert.IsType<ValuesInsertSource>(insert.InsertSpecification.InsertSource).RowValues;
        return [.. rows.Select(row => Assert.IsType<StringLiteral>(row.ColumnValues[^1]).Value)];
    }
}
