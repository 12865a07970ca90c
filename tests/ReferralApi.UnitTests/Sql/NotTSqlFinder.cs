using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// Text the parser accepts but SQL Server 2022 would not run as meant: <c>TRUE</c>/<c>FALSE</c> parse
/// as column names, <c>||</c> parses (it is T-SQL only from SQL Server 2025), and other engines'
/// functions parse as calls to functions SQL Server does not have.
/// </summary>
internal sealed class NotTSqlFinder : TSqlFragmentVisitor
{
    // Common in PostgreSQL or SQLite text, absent from SQL Server 2022.
    private static readonly HashSet<string> ForeignFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "NOW", "IFNULL", "SUBSTR", "LENGTH", "RANDOM", "GEN_RANDOM_UUID", "DATE_TRUNC", "TO_CHAR",
        "STRFTIME", "DATETIME", "JULIANDAY",
    };

    public List<string> Problems { get; } = [];

    public override void Visit(ColumnReferenceExpression node)
    {
        if (node.MultiPartIdentifier?.Identifiers is [{ QuoteType: QuoteType.NotQuoted } identifier]
            && (identifier.Value.Equals("true", StringComparison.OrdinalIgnoreCase) || identifier.Value.Equals("false", StringComparison.OrdinalIgnoreCase)))
        {
            Problems.Add($"{node.StartLine}:{node.StartColumn} boolean literal {identifier.Value}: SQL Server has none (use a parameter or 1/0)");
        }
    }

    public override void Visit(BinaryExpression node)
    {
        if (node.BinaryExpressionType == BinaryExpressionType.Concat)
        {
            Problems.Add($"{node.StartLine}:{node.StartColumn} '||' concatenation: not in SQL Server 2022 (put the variant in the dialect)");
        }
    }

    public override void Visit(FunctionCall node)
    {
        if (node.CallTarget is null && ForeignFunctions.Contains(node.FunctionName.Value))
        {
            Problems.Add($"{node.StartLine}:{node.StartColumn} function {node.FunctionName.Value}: not a SQL Server function");
        }
    }
}
