using ReferralApi.Features.AccessLog;
using ReferralApi.Features.AdminAudit;
using ReferralApi.Features.Attachments;
using ReferralApi.Features.Privacy;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Idempotency;

namespace ReferralApi.UnitTests.Sql;

/// <summary>
/// The fixed statements written once for every engine with the dialect's help (a row limit, a
/// text literal), as SQL Server gets them. Listed by hand, like the engine-only statements.
/// </summary>
internal static class DialectStatements
{
    private static readonly SqlDialect Dialect = new SqlServerDialect();

    public static IReadOnlyList<SqlStatement> ForSqlServer() =>
    [
        new("AccessLogStore.SelectForReferral", AccessLogStore.SelectForReferral(Dialect)),
        new("DatabaseChunkStore.SelectStale", DatabaseChunkStore.SelectStale(Dialect)),
        new("FileSystemChunkStore.SelectCompleted", FileSystemChunkStore.SelectCompleted(Dialect)),
        new("AdminAuditStore.SelectPage", AdminAuditStore.SelectPage(Dialect)),
        new("IdempotencyStore.DeleteExpired", IdempotencyStore.DeleteExpired(Dialect)),
        new("WebhookDeliveryStore.PurgeFinished", WebhookDeliveryStore.PurgeFinished(Dialect)),
        new("ReferralStore.SelectOverdue", ReferralStore.SelectOverdue(Dialect)),
        new("ReferralStore.SelectPastRetention", ReferralStore.SelectPastRetention(Dialect)),
        new("WebhookAdminStore.ListAll", WebhookAdminStore.ListAll(Dialect)),
        new("WebhookDeliveryStore.ListLog", WebhookDeliveryStore.ListLog(Dialect)),
        new("WebhookSubscriptionStore.ListOwned", WebhookSubscriptionStore.ListOwned(Dialect)),
        .. SealedTable.All.Select(table => new SqlStatement($"SealedTable({table.Name}).SelectBatch", table.SelectBatch(Dialect))),
    ];

    /// <summary>
    /// The types whose statements are listed here; <see cref="SealedTableStore"/> runs the
    /// statements each <see cref="SealedTable"/> builds (its update is a field of the table).
    /// </summary>
    public static IReadOnlyList<Type> Owners() =>
        [typeof(AccessLogStore), typeof(DatabaseChunkStore), typeof(FileSystemChunkStore), typeof(AdminAuditStore), typeof(ReferralStore), typeof(WebhookAdminStore), typeof(WebhookDeliveryStore), typeof(WebhookSubscriptionStore), typeof(SealedTable), typeof(SealedTableStore)];
}
