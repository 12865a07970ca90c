using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// What SQL Server would receive as parameters, bound by Dapper onto a real SqlCommand's collection. A value
/// sent as sql_variant, or as nvarchar against a uniqueidentifier column, makes SQL Server convert
/// the column: the index seek becomes a scan, and under locking reads, blocking and deadlocks.
/// </summary>
public sealed class SqlServerParameterTests
{
    public static TheoryData<string> Statements => [.. BuiltQueries.All().Select(q => q.Statement.Source)];

    [Theory]
    [MemberData(nameof(Statements))]
    public void NoParameter_TravelsAsSqlVariant(string source)
    {
        var command = Bind(source);

        var variants = Parameters(command).Where(p => p.SqlDbType == SqlDbType.Variant).Select(p => p.ParameterName).ToList();

        Assert.NotEmpty(command.Parameters);
        Assert.True(variants.Count == 0, $"{source} sends sql_variant: {string.Join(", ", variants)}");
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void ParametersComparedWithUuidColumns_AreUniqueIdentifier(string source)
    {
        var command = Bind(source);
        var types = Parameters(command).ToDictionary(p => p.ParameterName.TrimStart('@'), p => p.SqlDbType, StringComparer.OrdinalIgnoreCase);

        var wrong = UuidComparisons(command.CommandText)
            .Where(c => types.TryGetValue(c.Parameter, out var type) && type != SqlDbType.UniqueIdentifier)
            .Select(c => $"{c.Column} vs @{c.Parameter} ({types[c.Parameter]})")
            .ToList();

        Assert.True(wrong.Count == 0, $"{source}: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void ListStatements_AreAmongTheCheckedOnes()
    {
        // Every list a statement takes goes through the dialect's InList; these are today's two.
        var lists = BuiltQueries.All()
            .SelectMany(q => q.Args.ParameterNames)
            .Where(name => name is "Statuses0" or "Types0")
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(["Statuses0", "Types0"], lists.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void UuidComparisons_AreFound()
    {
        // The check above is only as good as this finder.
        var found = UuidComparisons("SELECT 1 FROM referrals WHERE id IN (@Ids0, @Ids1) AND status = @Status AND @Agency = to_agency_id");

        Assert.Equal(["id=Ids0", "id=Ids1", "to_agency_id=Agency"], found.Select(c => $"{c.Column}={c.Parameter}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Capture_SeesAnUntypedGuidListAsSqlVariant()
    {
        // What the access log sent before its ids were typed: Dapper's own list expansion.
        var command = SqlCommandCapture.Bind("SELECT id FROM referrals WHERE id IN @Ids", new { Ids = new[] { Guid.NewGuid(), Guid.NewGuid() } });

        Assert.Contains(Parameters(command), p => p.SqlDbType == SqlDbType.Variant);
    }

    private static SqlCommandCapture.Bound Bind(string source)
    {
        var (statement, args) = Assert.Single(BuiltQueries.All(), q => q.Statement.Source == source);
        return SqlCommandCapture.Bind(statement.Sql, args);
    }

    private static IReadOnlyList<SqlParameter> Parameters(SqlCommandCapture.Bound command) => command.Parameters;

    private static List<(string Column, string Parameter)> UuidComparisons(string sql)
    {
        var fragment = TSql.Parse(sql, out var errors);
        Assert.Empty(errors);
        var finder = new ComparisonFinder(SqlServerColumns.UuidNames());
        fragment.Accept(finder);
        return finder.Found;
    }

    private sealed class ComparisonFinder(IReadOnlySet<string> uuidColumns) : TSqlFragmentVisitor
    {
        public List<(string Column, string Parameter)> Found { get; } = [];

        public override void Visit(BooleanComparisonExpression node)
        {
            Add(node.FirstExpression, node.SecondExpression);
            Add(node.SecondExpression, node.FirstExpression);
        }

        public override void Visit(InPredicate node)
        {
            foreach (var value in node.Values)
            {
                Add(node.Expression, value);
            }
        }

        private void Add(ScalarExpression column, ScalarExpression value)
        {
            if (column is ColumnReferenceExpression { MultiPartIdentifier.Identifiers: [.., var name] }
                && uuidColumns.Contains(name.Value)
                && value is VariableReference variable)
            {
                Found.Add((name.Value, variable.Name.TrimStart('@')));
            }
        }
    }
}
