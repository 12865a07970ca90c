using ReferralApi.Features.Attachments;
using ReferralApi.Features.Referrals;
using ReferralApi.Features.Webhooks;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Privacy;

/// <summary>
/// A table whose columns hold values sealed with the key ring, and the statements the re-encryption
/// command walks it with: a keyset-paged read by id, and an update that only lands when no column
/// changed since it was read (an erasure or a secret rotation in between wins).
/// </summary>
internal sealed record SealedTable(
    string Name,
    IReadOnlyList<string> Columns,
    Func<Guid, string, string> Context,
    string Update)
{
    // Declared first: static fields initialize in order, and the statements below read these.
    private const string WebhookTable = "webhook_subscriptions";
    private static readonly string[] WebhookColumns = [WebhookSecret.CurrentColumn, WebhookSecret.PreviousColumn];
    private static readonly string[] AttachmentNameColumns = [AttachmentStore.FileNameColumn];

    public static readonly string UpdateReferrals = UpdateOf(PersonalDataCipher.Referrals, PersonalDataCipher.ReferralColumns);

    public static readonly string UpdateStatusChanges = UpdateOf(PersonalDataCipher.StatusChanges, PersonalDataCipher.StatusChangeColumns);

    public static readonly string UpdateNotes = UpdateOf(PersonalDataCipher.Notes, PersonalDataCipher.NoteColumns);

    public static readonly string UpdateConsentWithdrawals = UpdateOf(PersonalDataCipher.ConsentWithdrawals, PersonalDataCipher.ConsentWithdrawalColumns);

    public static readonly string UpdateWebhookSecrets = UpdateOf(WebhookTable, WebhookColumns);

    public static readonly string UpdateAttachmentNames = UpdateOf(AttachmentStore.Table, AttachmentNameColumns);

    /// <summary>Every sealed table, personal data and webhook signing secrets alike.</summary>
    public static IReadOnlyList<SealedTable> All { get; } =
    [
        new(PersonalDataCipher.Referrals, PersonalDataCipher.ReferralColumns, PersonalContext(PersonalDataCipher.Referrals), UpdateReferrals),
        new(PersonalDataCipher.StatusChanges, PersonalDataCipher.StatusChangeColumns, PersonalContext(PersonalDataCipher.StatusChanges), UpdateStatusChanges),
        new(PersonalDataCipher.Notes, PersonalDataCipher.NoteColumns, PersonalContext(PersonalDataCipher.Notes), UpdateNotes),
        new(PersonalDataCipher.ConsentWithdrawals, PersonalDataCipher.ConsentWithdrawalColumns, PersonalContext(PersonalDataCipher.ConsentWithdrawals), UpdateConsentWithdrawals),
        new(WebhookTable, WebhookColumns, WebhookSecret.Context, UpdateWebhookSecrets),
        new(AttachmentStore.Table, AttachmentNameColumns, PersonalContext(AttachmentStore.Table), UpdateAttachmentNames),
    ];

    /// <summary>One batch of rows after <c>@After</c>, in id order, at most <c>@Limit</c>.</summary>
    public string SelectBatch(SqlDialect dialect) => $"""
        SELECT id, {string.Join(", ", Columns)} FROM {Name}
        WHERE id > @After
        ORDER BY id
        {dialect.Limit("@Limit")}
        """;

    private static Func<Guid, string, string> PersonalContext(string table) => (id, column) => PersonalDataCipher.Context(table, id, column);

    private static string UpdateOf(string table, IReadOnlyList<string> columns) => $"""
        UPDATE {table}
        SET {string.Join(", ", columns.Select((c, i) => $"{c} = @New{i}"))}
        WHERE id = @Id AND {string.Join(" AND ", columns.Select((c, i) => $"({c} = @Old{i} OR ({c} IS NULL AND @Old{i} IS NULL))"))}
        """;
}
