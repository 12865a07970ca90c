using ReferralApi.Features.Attachments;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Privacy;

/// <summary>
/// A table whose columns hold values sealed with the key ring, and the statements the re-encryption
/// command walks it with: a keyset-paged read by its key (<c>id</c>, or <c>seq</c> for the logs), and
/// an update that only lands when no column changed since it was read (an erasure or a secret
/// rotation in between wins). Rows whose sealed columns are all empty are skipped: nothing to reseal.
/// </summary>
internal sealed record SealedTable(
    string Name,
    string Key,
    IReadOnlyList<string> Columns,
    Func<object, string, string> Context,
    string Update)
{
    // Declared first: static fields initialize in order, and the statements below read these.
    private const string WebhookTable = "webhook_subscriptions";
    private const string IdKey = "id";

    /// <summary>The logs' rows are numbered on insert; <c>seq</c> is their key.</summary>
    private const string SeqKey = "seq";

    private static readonly string[] WebhookColumns = [WebhookSecret.CurrentColumn, WebhookSecret.PreviousColumn];
    private static readonly string[] AttachmentNameColumns = [AttachmentStore.FileNameColumn];

    public static readonly string UpdateReferrals = UpdateOf(PersonalDataCipher.Referrals, IdKey, PersonalDataCipher.ReferralColumns);

    public static readonly string UpdateStatusChanges = UpdateOf(PersonalDataCipher.StatusChanges, IdKey, PersonalDataCipher.StatusChangeColumns);

    public static readonly string UpdateNotes = UpdateOf(PersonalDataCipher.Notes, IdKey, PersonalDataCipher.NoteColumns);

    public static readonly string UpdateConsentWithdrawals = UpdateOf(PersonalDataCipher.ConsentWithdrawals, IdKey, PersonalDataCipher.ConsentWithdrawalColumns);

    public static readonly string UpdateWebhookSecrets = UpdateOf(WebhookTable, IdKey, WebhookColumns);

    /// <summary>The logs are append-only; their triggers let this one change through: a sealed name sealed again, nothing else.</summary>
    public static readonly string UpdateAccessLog = UpdateOf(PersonalDataCipher.AccessLog, SeqKey, PersonalDataCipher.LogColumns);

    public static readonly string UpdateAdminAuditLog = UpdateOf(PersonalDataCipher.AdminAuditLog, SeqKey, PersonalDataCipher.LogColumns);

    public static readonly string UpdateAttachmentNames = UpdateOf(AttachmentStore.Table, IdKey, AttachmentNameColumns);

    /// <summary>Every sealed table, personal data and webhook signing secrets alike.</summary>
    public static IReadOnlyList<SealedTable> All { get; } =
    [
        new(PersonalDataCipher.Referrals, IdKey, PersonalDataCipher.ReferralColumns, PersonalContext(PersonalDataCipher.Referrals), UpdateReferrals),
        new(PersonalDataCipher.StatusChanges, IdKey, PersonalDataCipher.StatusChangeColumns, PersonalContext(PersonalDataCipher.StatusChanges), UpdateStatusChanges),
        new(PersonalDataCipher.Notes, IdKey, PersonalDataCipher.NoteColumns, PersonalContext(PersonalDataCipher.Notes), UpdateNotes),
        new(PersonalDataCipher.ConsentWithdrawals, IdKey, PersonalDataCipher.ConsentWithdrawalColumns, PersonalContext(PersonalDataCipher.ConsentWithdrawals), UpdateConsentWithdrawals),
        new(WebhookTable, IdKey, WebhookColumns, (id, column) => WebhookSecret.Context((Guid)id, column), UpdateWebhookSecrets),
        new(PersonalDataCipher.AccessLog, SeqKey, PersonalDataCipher.LogColumns, LogContext(PersonalDataCipher.AccessLog), UpdateAccessLog),
        new(PersonalDataCipher.AdminAuditLog, SeqKey, PersonalDataCipher.LogColumns, LogContext(PersonalDataCipher.AdminAuditLog), UpdateAdminAuditLog),
        new(AttachmentStore.Table, IdKey, AttachmentNameColumns, PersonalContext(AttachmentStore.Table), UpdateAttachmentNames),
    ];

    /// <summary>The key before the first row: the empty id, or sequence number 0.</summary>
    public object First => Key == SeqKey ? 0L : Guid.Empty;

    /// <summary>One batch of rows after <c>@After</c> with a sealed value, in key order, at most <c>@Limit</c>.</summary>
    public string SelectBatch(SqlDialect dialect) => $"""
        SELECT {Key}, {string.Join(", ", Columns)} FROM {Name}
        WHERE {Key} > @After AND ({string.Join(" OR ", Columns.Select(c => $"{c} IS NOT NULL"))})
        ORDER BY {Key}
        {dialect.Limit("@Limit")}
        """;

    private static Func<object, string, string> PersonalContext(string table) => (id, column) => PersonalDataCipher.Context(table, (Guid)id, column);

    private static Func<object, string, string> LogContext(string table) => (_, column) => PersonalDataCipher.LogContext(table, column);

    private static string UpdateOf(string table, string key, IReadOnlyList<string> columns) => $"""
        UPDATE {table}
        SET {string.Join(", ", columns.Select((c, i) => $"{c} = @New{i}"))}
        WHERE {key} = @Id AND {string.Join(" AND ", columns.Select((c, i) => $"({c} = @Old{i} OR ({c} IS NULL AND @Old{i} IS NULL))"))}
        """;
}
