namespace ReferralApi.Features.Attachments;

/// <summary>
/// Limits on the documents attached to referrals (<c>Attachments:*</c>): a file's size, and how
/// many files and bytes one referral may carry. Uploads left unfinished (a client gone mid-way)
/// are removed by the retention pass once older than <see cref="AbandonedAfter"/>. Where
/// the contents are kept is <see cref="Store"/>.
/// </summary>
public sealed class AttachmentOptions
{
    public const string SectionName = "Attachments";

    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    public int MaxFilesPerReferral { get; set; } = 50;

    public long MaxBytesPerReferral { get; set; } = 200L * 1024 * 1024;

    public const string DatabaseStore = "database";
    public const string FileSystemStore = "filesystem";

    /// <summary>
    /// Where contents are kept: <c>database</c> (the chunks in the referral's own database) or
    /// <c>filesystem</c> (files under <see cref="Folder"/>).
    /// </summary>
    public string Store { get; set; } = DatabaseStore;

    /// <summary>The folder of the <c>filesystem</c> store; created at start-up, which fails when it cannot be written.</summary>
    public string? Folder { get; set; }

    public TimeSpan AbandonedAfter { get; set; } = TimeSpan.FromHours(1);
}
