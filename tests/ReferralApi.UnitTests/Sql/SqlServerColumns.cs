using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>Every column the SQL Server migrations create, read from the parsed scripts.</summary>
internal static class SqlServerColumns
{
    public sealed record Column(string Table, string Name, string Type, string? Collation);

    public static IReadOnlyList<Column> All()
    {
        var columns = new List<Column>();
        foreach (var batch in MigrationScripts.SqlServerBatches())
        {
            var fragment = TSql.Parse(batch.Sql, out var errors);
            Assert.Empty(errors);
            var visitor = new Collector();
            fragment.Accept(visitor);
            columns.AddRange(visitor.Columns);
        }

        return columns;
    }

    /// <summary>Column names that are uniqueidentifier in every table that has them, so a bare name says the type.</summary>
    public static IReadOnlySet<string> UuidNames() =>
        All().GroupBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.All(c => c.Type == nameof(SqlDataTypeOption.UniqueIdentifier)))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private sealed class Collector : TSqlFragmentVisitor
    {
        public List<Column> Columns { get; } = [];

        public override void Visit(CreateTableStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                var type = column.DataType is SqlDataTypeReference sql ? sql.SqlDataTypeOption.ToString() : column.DataType.Name.BaseIdentifier.Value;
                Columns.Add(new Column(node.SchemaObjectName.BaseIdentifier.Value, column.ColumnIdentifier.Value, type, column.Collation?.Value));
            }
        }
    }
}
