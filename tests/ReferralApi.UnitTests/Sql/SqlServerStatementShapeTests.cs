using Microsoft.SqlServer.TransactSql.ScriptDom;
using ReferralApi.Features.Events;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// What parses but would misbehave on a real SQL Server: the feed's bound read too late under
/// READ_COMMITTED_SNAPSHOT, deletes that escalate to a table lock, a trigger that fails empty statements.
/// </summary>
public sealed class SqlServerStatementShapeTests
{
    // Deletes that touch a bounded set of rows: one key, one referral's notes, or one attachment
    // (its row, or its chunks: at most Attachments:MaxFileBytes / 64 KiB, 320 by default).
    private static readonly HashSet<string> KeyedDeletes =
    [
        "ReferralApi.Infrastructure.Idempotency.IdempotencyStore.DeleteOne",
        "ReferralApi.Infrastructure.Idempotency.IdempotencyStore.DeletePending",
        "ReferralApi.Features.Referrals.NoteStore.DeleteNotes",
        "ReferralApi.Features.Webhooks.WebhookSubscriptionStore.DeleteOwned",
        "ReferralApi.Features.Attachments.AttachmentStore.DeleteUnfinished",
        "ReferralApi.Features.Attachments.DatabaseChunkStore.DeleteForAttachment",
        "ReferralApi.Features.Attachments.DatabaseChunkStore.DeleteForUnfinished",
    ];

    [Fact]
    public void EventFeed_ReadsTheBoundFirst_ThenTheRowsWithALockingRead()
    {
        var statements = SqlServerScript.Statements(EventFeedQuery.SqlServer);

        Assert.Equal(2, statements.Count);
        var bound = Assert.IsType<DeclareVariableStatement>(statements[0]);
        var declaration = Assert.Single(bound.Declarations);
        Assert.Equal("MIN_ACTIVE_ROWVERSION", Assert.IsType<FunctionCall>(declaration.Value).FunctionName.Value, ignoreCase: true);

        var select = Assert.IsType<SelectStatement>(statements[1]);
        Assert.DoesNotContain(SqlServerScript.All<FunctionCall>(select), f => f.FunctionName.Value.Equals("MIN_ACTIVE_ROWVERSION", StringComparison.OrdinalIgnoreCase));
        var events = Assert.Single(SqlServerScript.All<NamedTableReference>(select));
        Assert.Contains(events.TableHints, h => h.HintKind == TableHintKind.ReadCommittedLock);
        Assert.Contains(SqlServerScript.All<BooleanComparisonExpression>(select), c =>
            c is { ComparisonType: BooleanComparisonType.LessThan, FirstExpression: ColumnReferenceExpression column, SecondExpression: VariableReference variable }
            && SqlServerScript.Column(column) == "rv" && variable.Name.Equals(declaration.VariableName.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Deletes_AreBatchedWithTop_UnlessKeyed()
    {
        // Past about 5,000 row locks SQL Server escalates to a table lock; a purge deletes TOP (n) per statement.
        var deletes = ApplicationSql.ForSqlServer().Concat(DialectStatements.ForSqlServer())
            .SelectMany(s => SqlServerScript.Statements(s.Sql).OfType<DeleteStatement>().Select(d => (s.Source, Delete: d)))
            .ToList();
        var unbatched = deletes.Where(d => d.Delete.DeleteSpecification.TopRowFilter is null && !KeyedDeletes.Contains(d.Source)).Select(d => d.Source).ToList();

        Assert.True(deletes.Count >= KeyedDeletes.Count + 2, $"Only {deletes.Count} DELETE statements found.");
        Assert.True(unbatched.Count == 0, "DELETE without TOP (n) that is not keyed: " + string.Join(", ", unbatched));
        Assert.Contains(deletes, d => d.Source.EndsWith("IdempotencyStore.DeleteExpired", StringComparison.Ordinal) && d.Delete.DeleteSpecification.TopRowFilter is not null);
    }

    [Fact]
    public void AccessLogTrigger_LetsStatementsThatTouchNoRowPass()
    {
        // An INSTEAD OF trigger fires for a statement that matches nothing; it must not refuse it.
        var trigger = SqlServerScript.MigrationStatements().Select(x => x.Statement).OfType<TriggerStatementBody>()
            .Last(t => SqlServerScript.Name(t.Name) == "access_log_append_only");
        var body = Assert.IsType<BeginEndBlockStatement>(Assert.Single(trigger.StatementList.Statements)).StatementList.Statements;

        var guard = body.OfType<IfStatement>().First();
        Assert.IsType<ReturnStatement>(guard.ThenStatement);
        var exists = Assert.IsType<ExistsPredicate>(Assert.IsType<BooleanNotExpression>(guard.Predicate).Expression);
        Assert.Equal("deleted", SqlServerScript.Name(Assert.Single(SqlServerScript.All<NamedTableReference>(exists)).SchemaObject), ignoreCase: true);
        Assert.True(body.IndexOf(guard) < body.IndexOf(body.OfType<ThrowStatement>().Single()), "The empty-statement guard must come before THROW.");
    }
}
