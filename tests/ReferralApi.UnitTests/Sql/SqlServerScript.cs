using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>The SQL Server migrations and statements as parsed trees, for tests that check their shape rather than their grammar.</summary>
internal static class SqlServerScript
{
    /// <summary>Every statement of every migration batch, in the order the migrations apply them, with the script's name.</summary>
    public static IReadOnlyList<(string Script, TSqlStatement Statement)> MigrationStatements() =>
        [.. MigrationScripts.SqlServerBatches().SelectMany(batch => Statements(batch.Sql).Select(s => (Script(batch.Source), s)))];

    /// <summary>The top-level statements of one text; fails the test when it does not parse.</summary>
    public static IReadOnlyList<TSqlStatement> Statements(string sql)
    {
        var fragment = (TSqlScript)TSql.Parse(sql, out var errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")));
        return [.. fragment.Batches.SelectMany(b => b.Statements)];
    }

    /// <summary>Every node of type <typeparamref name="T"/> under <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<T> All<T>(TSqlFragment fragment)
        where T : TSqlFragment
    {
        var collector = new Collector<T>();
        fragment.Accept(collector);
        return collector.Found;
    }

    public static string Name(SchemaObjectName name) => name.BaseIdentifier.Value;

    public static string? Column(ColumnReferenceExpression column) => column.MultiPartIdentifier?.Identifiers[^1].Value;

    // "SqlServer/0003_webhooks.sql batch 2" → "0003_webhooks.sql"
    private static string Script(string source) => source.Split('/', ' ')[1];

    private sealed class Collector<T> : TSqlFragmentVisitor
        where T : TSqlFragment
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlFragment node)
        {
            if (node is T found)
            {
                Found.Add(found);
            }
        }
    }
}
