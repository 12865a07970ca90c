using ReferralApi.Features.Referrals;
using ReferralApi.Features.Webhooks;

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
    string SelectBatch,
    string SelectBatchSqlServer,
    string Update)
{
    // Declared first: static fields initialize in order, and the statements below read these.
    private const string SqlServerLimit = "OFFSET 0 ROWS FETCH NEXT @Limit ROWS ONLY";
    private const string WebhookTable = "webhook_subscriptions";
    private static readonly string[] WebhookColumns = [WebhookSecret.CurrentColumn, WebhookSecret.PreviousColumn];

    public static readonly string SelectReferrals = Select(PersonalDataCipher.Referrals, PersonalDataCipher.ReferralColumns, "LIMIT @Limit");
    public static readonly string SelectReferralsSqlServer = Select(PersonalDataCipher.Referrals, PersonalDataCipher.ReferralColumns, SqlServerLimit);
    public static readonly string UpdateReferrals = UpdateOf(PersonalDataCipher.Referrals, PersonalDataCipher.ReferralColumns);

    public static readonly string SelectStatusChanges = Select(PersonalDataCipher.StatusChanges, PersonalDataCipher.StatusChangeColumns, "LIMIT @Limit");
    public static readonly string SelectStatusChangesSqlServer = Select(PersonalDataCipher.StatusChanges, PersonalDataCipher.StatusChangeColumns, SqlServerLimit);
    public static readonly string UpdateStatusChanges = UpdateOf(PersonalDataCipher.StatusChanges, PersonalDataCipher.StatusChangeColumns);

    public static readonly string SelectNotes = Select(PersonalDataCipher.Notes, PersonalDataCipher.NoteColumns, "LIMIT @Limit");
    public static readonly string SelectNotesSqlServer = Select(PersonalDataCipher.Notes, PersonalDataCipher.NoteColumns, SqlServerLimit);
    public static readonly string UpdateNotes = UpdateOf(PersonalDataCipher.Notes, PersonalDataCipher.NoteColumns);

    public static readonly string SelectConsentWithdrawals = Select(PersonalDataCipher.ConsentWithdrawals, PersonalDataCipher.ConsentWithdrawalColumns, "LIMIT @Limit");
    public static readonly string SelectConsentWithdrawalsSqlServer = Select(PersonalDataCipher.ConsentWithdrawals, PersonalDataCipher.ConsentWithdrawalColumns, SqlServerLimit);
    public static readonly string UpdateConsentWithdrawals = UpdateOf(PersonalDataCipher.ConsentWithdrawals, PersonalDataCipher.ConsentWithdrawalColumns);

    public static readonly string SelectWebhookSecrets = Select(WebhookTable, WebhookColumns, "LIMIT @Limit");
    public static readonly string SelectWebhookSecretsSqlServer = Select(WebhookTable, WebhookColumns, SqlServerLimit);
    public static readonly string UpdateWebhookSecrets = UpdateOf(WebhookTable, WebhookColumns);

    /// <summary>Every sealed table, personal data and webhook signing secrets alike.</summary>
    public static IReadOnlyList<SealedTable> All { get; } =
    [
        new(PersonalDataCipher.Referrals, PersonalDataCipher.ReferralColumns, PersonalContext(PersonalDataCipher.Referrals), SelectReferrals, SelectReferralsSqlServer, UpdateReferrals),
        new(PersonalDataCipher.StatusChanges, PersonalDataCipher.StatusChangeColumns, PersonalContext(PersonalDataCipher.StatusChanges), SelectStatusChanges, SelectStatusChangesSqlServer, UpdateStatusChanges),
        new(PersonalDataCipher.Notes, PersonalDataCipher.NoteColumns, PersonalContext(PersonalDataCipher.Notes), SelectNotes, SelectNotesSqlServer, UpdateNotes),
        new(PersonalDataCipher.ConsentWithdrawals, PersonalDataCipher.ConsentWithdrawalColumns, PersonalContext(PersonalDataCipher.ConsentWithdrawals), SelectConsentWithdrawals, SelectConsentWithdrawalsSqlServer, UpdateConsentWithdrawals),
        new(WebhookTable, WebhookColumns, WebhookSecret.Context, SelectWebhookSecrets, SelectWebhookSecretsSqlServer, UpdateWebhookSecrets),
    ];

    private static Func<Guid, string, string> PersonalContext(string table) => (id, column) => PersonalDataCipher.Context(table, id, column);

    private static string Select(string table, IReadOnlyList<string> columns, string limit) => $"""
        SELECT id, {string.Join(", ", columns)} FROM {table}
        WHERE id > @After
        ORDER BY id
        {limit}
        """;

    private static string UpdateOf(string table, IReadOnlyList<string> columns) => $"""
        UPDATE {table}
        SET {string.Join(", ", columns.Select((c, i) => $"{c} = @New{i}"))}
        WHERE id = @Id AND {string.Join(" AND ", columns.Select((c, i) => $"({c} = @Old{i} OR ({c} IS NULL AND @Old{i} IS NULL))"))}
        """;
}
