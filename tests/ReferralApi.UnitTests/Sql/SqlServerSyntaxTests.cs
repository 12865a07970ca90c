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
        var withSql = ApplicationSql.Fields().Select(x => x.Field.DeclaringType!).ToHashSet();
        var stores = typeof(Program).Assembly.GetTypes().Where(t => t.Name.EndsWith("Store", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(stores);
        Assert.All(stores, store => Assert.Contains(store, withSql));
    }

    [Fact]
    public void OtherEnginesOnlyStatements_AreFewAndNamedForTheirEngine()
    {
        // The exclusion by name must stay narrow: the PostgreSQL migration lock and login check, and the PostgreSQL and
        // SQLite variants of the event feed and the delivery claim, and the LIMIT forms of the webhook
        // lists (the administrators' one included), of the delivery log and idempotency key purges, of the overdue scan, of the
        // retention scan and of the re-encryption batches; each has a SQL Server variant that is parsed
        // like every other statement.
        var excluded = ApplicationSql.Fields().Where(x => ApplicationSql.IsOtherEngine(x.Field)).Select(x => ApplicationSql.Name(x.Field)).ToList();

        Assert.Equal(
            [
                "ReferralApi.Features.AccessLog.AccessLogStore.SelectForReferral",
                "ReferralApi.Features.AccessLog.AccessRecorder.PostgresInsert",
                "ReferralApi.Features.Escalation.OverdueStore.SelectDue",
                "ReferralApi.Features.Events.EventFeedQuery.Postgres",
                "ReferralApi.Features.Events.EventFeedQuery.Sqlite",
                "ReferralApi.Features.Privacy.SealedTable.SelectConsentWithdrawals",
                "ReferralApi.Features.Privacy.SealedTable.SelectNotes",
                "ReferralApi.Features.Privacy.SealedTable.SelectReferrals",
                "ReferralApi.Features.Privacy.SealedTable.SelectStatusChanges",
                "ReferralApi.Features.Privacy.SealedTable.SelectWebhookSecrets",
                "ReferralApi.Features.Retention.RetentionStore.SelectDue",
                "ReferralApi.Features.Webhooks.DeliveryQueue.PostgresClaim",
                "ReferralApi.Features.Webhooks.DeliveryQueue.SqliteClaim",
                "ReferralApi.Features.Webhooks.WebhookAdminStore.ListAll",
                "ReferralApi.Features.Webhooks.WebhookDeliveryStore.ListLog",
                "ReferralApi.Features.Webhooks.WebhookDeliveryStore.PurgeFinished",
                "ReferralApi.Features.Webhooks.WebhookSubscriptionStore.ListOwned",
                "ReferralApi.Infrastructure.Data.MigrationRunner.PostgresLock",
                "ReferralApi.Infrastructure.Data.MigrationRunner.PostgresUnlock",
                "ReferralApi.Infrastructure.Data.ServingLoginCheck.PostgresCanAlterAccessLog",
                "ReferralApi.Infrastructure.Idempotency.IdempotencyStore.DeleteExpired",
            ],
            excluded.Order(StringComparer.Ordinal));
    }

    private static void AssertAllParse(IReadOnlyList<SqlStatement> statements)
    {
        var failures = new StringBuilder();
        foreach (var statement in statements)
        {
            var errors = TSql.Problems(TSql.ExpandListParameters(statement.Sql));
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
