using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// Every SQL text the application keeps in a field: <c>const string</c> and <c>static readonly
/// string</c> fields of any type in the API assembly whose value opens with a statement keyword.
/// Found by reflection, so a new store is covered without being listed here.
/// </summary>
internal static partial class ApplicationSql
{
    /// <summary>All statement fields, including those of other engines (see <see cref="IsOtherEngine"/>).</summary>
    public static IReadOnlyList<(FieldInfo Field, string Sql)> Fields() =>
    [
        .. typeof(Program).Assembly.GetTypes()
            .Where(t => !t.ContainsGenericParameters && !t.IsDefined(typeof(CompilerGeneratedAttribute), false))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => f.FieldType == typeof(string) && (f.IsLiteral || f.IsInitOnly))
            .Select(f => (Field: f, Sql: (f.IsLiteral ? f.GetRawConstantValue() : f.GetValue(null)) as string))
            .Where(x => x.Sql is not null && StatementStart().IsMatch(x.Sql))
            .Select(x => (x.Field, x.Sql!))
            .OrderBy(x => Name(x.Field), StringComparer.Ordinal),
    ];

    /// <summary>The statements SQL Server may receive: every statement field except another engine's own.</summary>
    public static IReadOnlyList<SqlStatement> ForSqlServer() =>
        [.. Fields().Where(x => !IsOtherEngine(x.Field)).Select(x => new SqlStatement(Name(x.Field), x.Sql))];

    /// <summary>
    /// Engine-specific SQL is named after its engine (<c>PostgresLock</c>, <c>SqliteWal</c>) or has a
    /// <c>SqlServer</c> variant beside it; SQL Server never receives it, so its grammar does not apply.
    /// </summary>
    public static bool IsOtherEngine(FieldInfo field) =>
        field.Name.StartsWith("Postgres", StringComparison.Ordinal)
        || field.Name.StartsWith("Sqlite", StringComparison.Ordinal)
        || HasSqlServerVariant(field);

    /// <summary>A statement with a <c>&lt;Name&gt;SqlServer</c> sibling is the other engines' form; the sibling is what SQL Server gets.</summary>
    private static bool HasSqlServerVariant(FieldInfo field) =>
        field.DeclaringType!.GetField(field.Name + "SqlServer", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is not null;

    public static string Name(FieldInfo field) => $"{field.DeclaringType!.FullName}.{field.Name}";

    // Statement keywords; EXEC and DECLARE too, for the few procedural batches (the migration lock).
    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|MERGE|EXEC|EXECUTE|DECLARE)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatementStart();
}
