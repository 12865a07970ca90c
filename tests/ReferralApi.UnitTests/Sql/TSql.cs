using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>Microsoft's own T-SQL parser, at the level of SQL Server 2022, as SQL Server sees our text.</summary>
internal static partial class TSql
{
    /// <summary>
    /// Why <paramref name="sql"/> is not T-SQL, each as "line:column message": the parse errors, or
    /// when it parses, the other engines' constructs the parser lets through; empty when it is T-SQL.
    /// </summary>
    public static IReadOnlyList<string> Problems(string sql)
    {
        var fragment = Parse(sql, out var errors);
        if (errors.Count > 0)
        {
            return [.. errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")];
        }

        var finder = new NotTSqlFinder();
        fragment.Accept(finder);
        return finder.Problems;
    }

    public static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        // SqlClient sessions run with QUOTED_IDENTIFIER ON, and so does DbUp.
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    /// <summary>Every <c>@name</c> the text uses (T-SQL variables declared in the text included).</summary>
    public static IReadOnlySet<string> ParameterNames(string sql) =>
        Parameter().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The variables the text declares itself (<c>DECLARE @Bound ...</c>): no caller supplies them.</summary>
    public static IReadOnlySet<string> DeclaredVariables(string sql) =>
        Declared().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\bDECLARE\s+@(\w+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Declared();

    [GeneratedRegex(@"(?<![@\w])@(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex Parameter();
}
