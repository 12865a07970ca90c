using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// The SQL Server triggers that keep the access log and the admin audit log append-only while the
/// re-encryption seals a stored name again (migration 0014), checked on the parsed script: SQL
/// Server cannot run here, and PostgreSQL and SQLite enforce the same rule in their own syntax.
/// </summary>
public sealed class SqlServerResealTriggerTests
{
    [Theory]
    [InlineData("access_log", "access_log_reseal_only", "access_log_append_only")]
    [InlineData("admin_audit_log", "admin_audit_log_reseal_only", "admin_audit_log_append_only")]
    public void UpdateTrigger_AppliesOnlyTheName_AfterRefusingEveryOtherChange(string table, string resealTrigger, string deleteTrigger)
    {
        var triggers = SqlServerScript.MigrationStatements().Select(x => x.Statement).OfType<TriggerStatementBody>().ToList();
        var reseal = triggers.Last(t => SqlServerScript.Name(t.Name) == resealTrigger);
        var refuse = triggers.Last(t => SqlServerScript.Name(t.Name) == deleteTrigger);
        var body = Assert.IsType<BeginEndBlockStatement>(Assert.Single(reseal.StatementList.Statements)).StatementList.Statements;

        Assert.Equal(table, SqlServerScript.Name(reseal.TriggerObject.Name));
        Assert.Equal([TriggerActionType.Update], reseal.TriggerActions.Select(a => a.TriggerActionType));
        Assert.Equal(TriggerType.InsteadOf, reseal.TriggerType);
        Assert.Equal([TriggerActionType.Delete], refuse.TriggerActions.Select(a => a.TriggerActionType));
        Assert.Single(SqlServerScript.All<ThrowStatement>(refuse));

        // An empty statement passes; then every change but a name sealed again is thrown out before anything is written.
        var guard = Assert.IsType<IfStatement>(body[1]);
        Assert.IsType<ReturnStatement>(guard.ThenStatement);
        var refusal = Assert.IsType<IfStatement>(body[2]);
        Assert.IsType<ThrowStatement>(refusal.ThenStatement);
        var compared = SqlServerScript.All<BinaryQueryExpression>(refusal.Predicate).Single(e => e.BinaryQueryExpressionType == BinaryQueryExpressionType.Except);
        var columns = SqlServerScript.All<ColumnReferenceExpression>(compared.FirstQueryExpression).Select(SqlServerScript.Column).ToList();
        var created = SqlServerColumns.All().Where(c => c.Table == table).Select(c => c.Name);
        Assert.Equal(created.Append("person_sub").Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        Assert.Contains("person_name IS NULL", Text(refusal.Predicate), StringComparison.Ordinal);

        var update = Assert.IsType<UpdateStatement>(Assert.Single(body, s => s is UpdateStatement));
        var set = Assert.IsType<AssignmentSetClause>(Assert.Single(update.UpdateSpecification.SetClauses));
        Assert.Equal("person_name", SqlServerScript.Column(set.Column));
        Assert.True(body.IndexOf(refusal) < body.IndexOf(update));
    }

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1)
            .Select(i => fragment.ScriptTokenStream[i].Text));
}
