namespace ReferralApi.Features.AccessLog;

/// <summary>What a request did with a referral, as the access log records it.</summary>
public static class AccessActions
{
    public const string Create = "create";
    public const string Read = "read";
    public const string List = "list";
    public const string ReadCase = "read_case";
    public const string ReadStatus = "read_status";
    public const string ReadNotes = "read_notes";
    public const string ReadAccessLog = "read_access_log";
    public const string Acknowledge = "acknowledge";
    public const string ChangeStatus = "change_status";
    public const string AddNote = "add_note";
    public const string WithdrawConsent = "withdraw_consent";
    public const string ReadLegalHold = "read_legal_hold";
    public const string SetLegalHold = "set_legal_hold";
    public const string UploadAttachment = "upload_attachment";
    public const string ListAttachments = "list_attachments";
    public const string DownloadAttachment = "download_attachment";
    public const string DeleteAttachment = "delete_attachment";
    public const string Export = "export";

    /// <summary>A repeated request answered from its first result: it changed nothing but returned the referral again.</summary>
    public static string Replayed(string action) => action + "_replayed";
}
