using Microsoft.SqlServer.TransactSql.ScriptDom;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.UnitTests.Data;

/// <summary>No SQL Server runs here, so the webhook statements sent to it are at least parsed by Microsoft's own parser.</summary>
public sealed class WebhookSqlServerStatementsTests
{
    public static TheoryData<string, string> Statements => new()
    {
        { nameof(WebhookOutbox.EnqueueForParties), WebhookOutbox.EnqueueForParties },
        { nameof(WebhookOutbox.EnqueueOne), WebhookOutbox.EnqueueOne },
        { nameof(DeliveryQueue.SqlServerClaim), DeliveryQueue.SqlServerClaim },
        { nameof(DeliveryQueue.SelectClaimed), DeliveryQueue.SelectClaimed },
        { nameof(DeliveryOutcomeStore.MarkDelivered), DeliveryOutcomeStore.MarkDelivered },
        { nameof(DeliveryOutcomeStore.MarkFailed), DeliveryOutcomeStore.MarkFailed },
        { nameof(DeliveryOutcomeStore.Reschedule), DeliveryOutcomeStore.Reschedule },
        { nameof(DeliveryOutcomeStore.SubscriptionRecovered), DeliveryOutcomeStore.SubscriptionRecovered },
        { nameof(DeliveryOutcomeStore.SubscriptionFailing), DeliveryOutcomeStore.SubscriptionFailing },
        { nameof(DeliveryOutcomeStore.SubscriptionGone), DeliveryOutcomeStore.SubscriptionGone },
        { nameof(WebhookDeliveryStore.SelectOne), WebhookDeliveryStore.SelectOne },
        { nameof(WebhookDeliveryStore.ListLog), WebhookDeliveryStore.ListLog(new SqlServerDialect()) },
        { nameof(WebhookDeliveryStore.Redeliver), WebhookDeliveryStore.Redeliver },
        { nameof(WebhookSubscriptionStore.Insert), WebhookSubscriptionStore.Insert },
        { nameof(WebhookSubscriptionStore.SelectOwned), WebhookSubscriptionStore.SelectOwned },
        { nameof(WebhookSubscriptionStore.Update), WebhookSubscriptionStore.Update },
        { nameof(WebhookSubscriptionStore.DeleteOwned), WebhookSubscriptionStore.DeleteOwned },
        { nameof(WebhookSubscriptionStore.ListOwned), WebhookSubscriptionStore.ListOwned(new SqlServerDialect()) },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statement_ParsesAsTSql(string name, string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);

        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}");
    }

    [Fact]
    public void Migration_ParsesAsTSql()
    {
        var assembly = typeof(WebhookOutbox).Assembly;
        using var stream = assembly.GetManifestResourceStream("ReferralApi.Database.SqlServer.0003_webhooks.sql")!;
        using var reader = new StreamReader(stream);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);

        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }
}
